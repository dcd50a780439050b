package io.sandboxpipeline.tools.reconcile;

import java.time.Instant;
import java.util.Optional;

/**
 * One record of the input topic ({@code file-arrivals}), reduced to what reconciliation needs.
 *
 * @param partition its partition
 * @param offset    its offset
 * @param timestamp the record's timestamp; null when it has none (then its age is unknown)
 * @param key       the record key (the producer's event id); null when it has none
 * @param eventId   the {@code FileArrival}'s eventId; null when the value could not be read or the id is blank
 */
public record InputRecord(int partition, long offset, Instant timestamp, String key, String eventId) {

    public InputRecord {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be zero or more, got " + partition);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be zero or more, got " + offset);
        }
        key = blankToNull(key);
        eventId = blankToNull(eventId);
        if (eventId != null && eventId.equals(key)) {
            eventId = key; // usually the same text: hold it once, as a snapshot holds every input record
        }
    }

    /**
     * What identifies the event: its eventId, or, for a record whose value cannot be read, its key (the submitter
     * dead-letters such a record under its key). Empty for a record with neither.
     */
    public Optional<String> id() {
        return Optional.ofNullable(eventId != null ? eventId : key);
    }

    /** True when the value could be read as a {@code FileArrival} with an eventId. */
    public boolean readable() {
        return eventId != null;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
