package io.sandboxpipeline.emulator.internal.scan;

import io.sandboxpipeline.emulator.SubmittedScan;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** All flows by id, plus submission counters. Every operation is a hash lookup: no scans over all flows. */
public final class FlowRegistry {

    private final ConcurrentHashMap<String, Flow> flows = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> submissionsByHash = new ConcurrentHashMap<>();
    private final LongAdder submissions = new LongAdder();
    private final ConcurrentHashMap<String, List<Flow>> flowsBySha256 = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, List<Flow>> flowsByTag = new ConcurrentHashMap<>();

    /** Counts an accepted submission of a sha256 and returns how many there have been, this one included. */
    long countSubmissionOf(String sha256) {
        submissions.increment();
        return submissionsByHash.computeIfAbsent(sha256, hash -> new AtomicLong()).incrementAndGet();
    }

    /** Adds a flow; false if its id is taken (the caller draws a new id). */
    boolean add(Flow flow) {
        boolean added = flows.putIfAbsent(flow.flowId(), flow) == null;
        if (added) {
            flowsBySha256.computeIfAbsent(flow.submission().sha256().toLowerCase(Locale.ROOT),
                    hash -> new CopyOnWriteArrayList<>()).add(flow);
            for (String tag : uploadTags(flow.submission())) {
                flowsByTag.computeIfAbsent(tag.toLowerCase(Locale.ROOT), t -> new CopyOnWriteArrayList<>()).add(flow);
            }
        }
        return added;
    }

    /** The flows submitted with this sha256 (a hash lookup, for the report search). */
    public List<Flow> withSha256(String sha256) {
        return List.copyOf(flowsBySha256.getOrDefault(sha256.toLowerCase(Locale.ROOT), List.of()));
    }

    /** The flows whose upload carried this tag (the {@code tags} form field, {@code |}-separated). */
    public List<Flow> withTag(String tag) {
        return List.copyOf(flowsByTag.getOrDefault(tag.toLowerCase(Locale.ROOT), List.of()));
    }

    /** The tags an upload was sent with. */
    public static List<String> uploadTags(SubmittedScan submission) {
        return Arrays.stream(submission.field("tags").orElse("").split("\\|")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
    }

    boolean contains(String flowId) {
        return flows.containsKey(flowId);
    }

    public Optional<Flow> find(String flowId) {
        return Optional.ofNullable(flows.get(flowId.toLowerCase(Locale.ROOT)));
    }

    /** Counts a report poll of a known flow (unknown ids are not remembered). */
    public void recordPoll(String flowId) {
        find(flowId).ifPresent(Flow::countPoll);
    }

    public long polls(String flowId) {
        return find(flowId).map(Flow::polls).orElse(0L);
    }

    public long submissions() {
        return submissions.sum();
    }

    public long submissionsOf(String sha256) {
        AtomicLong count = submissionsByHash.get(sha256.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    public int size() {
        return flows.size();
    }
}
