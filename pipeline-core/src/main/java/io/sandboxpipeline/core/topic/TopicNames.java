package io.sandboxpipeline.core.topic;

import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The names of every topic of the pipeline, all under one configurable prefix.
 *
 * <pre>
 *  file-arrivals --submitter--> scan-requests --submitter--> scan-flows --poller--> scan-results --submitter--+
 *                                     ^                         |   ^                                          |
 *                                     |  (failed scan, retry)   v   | (not finished)                           |
 *                                     +------------------ poller  polls-delayed-*                              |
 *  submitter: one outcome per waiting event (cache hit, reputation, scan result, skipped, failed) --> outcomes
 *  outcomes --enricher--> verdicts;  submitter --> verdict-cache (compacted);  any stage --> dead-letters
 *  verdicts --enricher--> ioc-feed (compacted);  enricher --> verdicts-json (opt-in mirror of verdicts)
 * </pre>
 *
 * @param prefix        prefix of every topic name, e.g. {@code "sandbox."}
 * @param pollDelayTiers the delays of the poller's delayed topics, shortest first
 */
public record TopicNames(String prefix, List<Duration> pollDelayTiers) {

    public static final String DEFAULT_PREFIX = "sandbox.";
    public static final List<Duration> DEFAULT_POLL_DELAY_TIERS = List.of(Duration.ofSeconds(10), Duration.ofMinutes(1));

    public TopicNames {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.matches("[a-zA-Z0-9._-]*")) {
            throw new IllegalArgumentException("topic prefix '" + prefix + "' may only contain letters, digits, '.', '_' and '-'");
        }
        pollDelayTiers = List.copyOf(pollDelayTiers);
        if (pollDelayTiers.isEmpty()) {
            throw new IllegalArgumentException("at least one poll delay tier is needed");
        }
        for (int i = 1; i < pollDelayTiers.size(); i++) {
            if (pollDelayTiers.get(i).compareTo(pollDelayTiers.get(i - 1)) <= 0) {
                throw new IllegalArgumentException("poll delay tiers must be strictly increasing: " + pollDelayTiers);
            }
        }
    }

    /** From {@code topic.prefix} and {@code topic.poll.delay.tiers} (comma-separated durations, e.g. {@code 10s,1m}). */
    public static TopicNames from(ConfigValues values) {
        List<Duration> tiers = values.get("topic.poll.delay.tiers").map(text -> {
            List<Duration> parsed = new ArrayList<>();
            for (String part : text.split(",")) {
                parsed.add(Durations.parse(part));
            }
            return parsed;
        }).orElse(DEFAULT_POLL_DELAY_TIERS);
        return new TopicNames(values.get("topic.prefix", DEFAULT_PREFIX), tiers);
    }

    public static TopicNames withPrefix(String prefix) {
        return new TopicNames(prefix, DEFAULT_POLL_DELAY_TIERS);
    }

    /** Input: one record per new object in storage (Avro {@code FileArrival}). */
    public String fileArrivals() {
        return prefix + "file-arrivals";
    }

    /** Hashed files waiting for reputation and upload, keyed by sha256 (also the poller's retry requests). */
    public String scanRequests() {
        return prefix + "scan-requests";
    }

    /** Submitted flows for the poller, keyed by flow id. */
    public String scanFlows() {
        return prefix + "scan-flows";
    }

    /** The delayed topics the poller re-queues unfinished flows on, one per tier. */
    public List<String> pollsDelayed() {
        List<String> names = new ArrayList<>();
        for (Duration tier : pollDelayTiers) {
            names.add(prefix + "polls-delayed-" + tier.toSeconds() + "s");
        }
        return names;
    }

    /** The delayed topic whose tier fits a delay: the shortest tier at least as long, else the longest. */
    public String pollsDelayedFor(Duration delay) {
        List<String> names = pollsDelayed();
        for (int i = 0; i < pollDelayTiers.size(); i++) {
            if (delay.compareTo(pollDelayTiers.get(i)) <= 0) {
                return names.get(i);
            }
        }
        return names.get(names.size() - 1);
    }

    /** Terminal results of scanned flows, keyed by sha256, back to the submitter that answers every waiting event. */
    public String scanResults() {
        return prefix + "scan-results";
    }

    /** The latest verdict per sha256 (compacted), as the submitter's verdict cache holds it. */
    public String verdictCache() {
        return prefix + "verdict-cache";
    }

    /** One decided outcome per input event, keyed by sha256 (or event id before hashing), for the enricher. */
    public String outcomes() {
        return prefix + "outcomes";
    }

    /** Output: one enriched verdict per input event, keyed by event id. */
    public String verdicts() {
        return prefix + "verdicts";
    }

    /** Output (opt-in, {@code enricher.json.mirror}): every verdict as a JSON object, keyed by event id, for tools without Avro. */
    public String verdictsJson() {
        return prefix + "verdicts-json";
    }

    /** Output: one entry per indicator of compromise ({@code <type>:<value>}), aggregated over all verdicts (compacted). */
    public String iocFeed() {
        return prefix + "ioc-feed";
    }

    /** Output: input that could not be processed, with the reason and the original bytes. */
    public String deadLetters() {
        return prefix + "dead-letters";
    }

    /** The topics SOC tooling and data teams read: every mainstream Kafka client must decode them as they are. */
    public List<String> outputs() {
        return List.of(verdicts(), deadLetters(), iocFeed(), verdictCache(), verdictsJson());
    }

    /** Every topic the pipeline reads or writes, in flow order. */
    public List<String> all() {
        List<String> names = new ArrayList<>(List.of(fileArrivals(), scanRequests(), scanFlows()));
        names.addAll(pollsDelayed());
        names.addAll(List.of(scanResults(), outcomes(), verdicts(), deadLetters(), verdictCache(), verdictsJson(), iocFeed()));
        return names;
    }
}
