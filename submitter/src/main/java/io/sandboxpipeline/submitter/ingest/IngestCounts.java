package io.sandboxpipeline.submitter.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the S3 notification ingest did with its input since start: arrivals forwarded, and everything it dropped or
 * dead-lettered, by reason. Thread-safe: every stream thread's processor counts into the same instance.
 */
public final class IngestCounts {

    /** Event type names are input: past this many distinct names, the rest are counted under {@link #OTHER_EVENT_TYPES}. */
    static final int MAX_EVENT_TYPE_NAMES = 100;
    public static final String OTHER_EVENT_TYPES = "(other)";

    private final LongAdder arrivals = new LongAdder();
    private final LongAdder ignoredTestEvents = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final Map<String, LongAdder> ignoredEventTypes = new ConcurrentHashMap<>();

    /** Objects forwarded as file arrivals. */
    public long arrivals() {
        return arrivals.sum();
    }

    /** AWS S3 {@code s3:TestEvent} messages ignored. */
    public long ignoredTestEvents() {
        return ignoredTestEvents.sum();
    }

    /** Records ignored because their object version was already forwarded within the dedup window. */
    public long duplicates() {
        return duplicates.sum();
    }

    /** Notifications dead-lettered (unreadable, or a record without bucket or key). */
    public long deadLettered() {
        return deadLettered.sum();
    }

    /** Records of other event types (ObjectRemoved, ObjectAccessed, Replication, ...) ignored, by event name. */
    public Map<String, Long> ignoredEventTypes() {
        Map<String, Long> snapshot = new TreeMap<>();
        ignoredEventTypes.forEach((name, count) -> snapshot.put(name, count.sum()));
        return Map.copyOf(snapshot);
    }

    /** Records of this event type (without the {@code s3:} prefix) ignored. */
    public long ignoredEventType(String eventName) {
        LongAdder count = ignoredEventTypes.get(eventName);
        return count == null ? 0 : count.sum();
    }

    void recordArrival() {
        arrivals.increment();
    }

    void recordTestEvent() {
        ignoredTestEvents.increment();
    }

    void recordDuplicate() {
        duplicates.increment();
    }

    void recordDeadLetter() {
        deadLettered.increment();
    }

    void recordIgnoredEventType(String eventName) {
        LongAdder count = ignoredEventTypes.get(eventName);
        if (count == null) {
            // the bound is approximate under contention (a few names over), which is all it needs to be
            String name = ignoredEventTypes.size() < MAX_EVENT_TYPE_NAMES ? eventName : OTHER_EVENT_TYPES;
            count = ignoredEventTypes.computeIfAbsent(name, n -> new LongAdder());
        }
        count.increment();
    }

    @Override
    public String toString() {
        return "IngestCounts[arrivals=" + arrivals() + ", duplicates=" + duplicates() + ", ignoredTestEvents="
                + ignoredTestEvents() + ", ignoredEventTypes=" + ignoredEventTypes() + ", deadLettered=" + deadLettered() + "]";
    }
}
