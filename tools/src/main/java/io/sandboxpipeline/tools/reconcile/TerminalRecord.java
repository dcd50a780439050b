package io.sandboxpipeline.tools.reconcile;

import java.util.Objects;
import java.util.Optional;

/**
 * One record of a terminal topic ({@code verdicts} or {@code dead-letters}), reduced to what reconciliation needs.
 *
 * @param kind      which terminal topic it is on
 * @param partition its partition on that topic
 * @param offset    its offset on that topic
 * @param eventId   the event it answers (the value's eventId, else the record key); null when neither names one
 * @param source    for a dead letter, the input record it was made from, when it says so; else null
 * @param outcome   what it says happened, e.g. {@code DONE MALICIOUS} or {@code DEAD_LETTER UNDESERIALIZABLE}
 * @param readable  false when the value could not be deserialized (then {@code eventId} is the record key)
 */
public record TerminalRecord(Kind kind, int partition, long offset, String eventId, SourcePosition source,
                             String outcome, boolean readable) {

    /** The two ways an event can end. */
    public enum Kind { VERDICT, DEAD_LETTER }

    /** Outcome of a terminal record whose value could not be read. */
    public static final String UNREADABLE = "UNREADABLE";

    /**
     * Where the record a dead letter was made from lives.
     *
     * @param topic     the topic it was read from
     * @param partition its partition
     * @param offset    its offset
     */
    public record SourcePosition(String topic, int partition, long offset) {
        public SourcePosition {
            Objects.requireNonNull(topic, "topic");
        }

        /** The position, when all three parts are known. */
        public static Optional<SourcePosition> of(String topic, Integer partition, Long offset) {
            if (topic == null || partition == null || offset == null) {
                return Optional.empty();
            }
            return Optional.of(new SourcePosition(topic, partition, offset));
        }
    }

    public TerminalRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        eventId = InputRecord.blankToNull(eventId);
    }

    /** A verdict for an event. */
    public static TerminalRecord verdict(int partition, long offset, String eventId, String outcome) {
        return new TerminalRecord(Kind.VERDICT, partition, offset, eventId, null, outcome, true);
    }

    /** A dead letter, with the position of the record it was made from when it names one. */
    public static TerminalRecord deadLetter(int partition, long offset, String eventId, SourcePosition source, String outcome) {
        return new TerminalRecord(Kind.DEAD_LETTER, partition, offset, eventId, source, outcome, true);
    }

    /** A record whose value could not be read: only its key says which event it answers. */
    public static TerminalRecord unreadable(Kind kind, int partition, long offset, String key) {
        return new TerminalRecord(kind, partition, offset, key, null, UNREADABLE, false);
    }

    public Optional<SourcePosition> sourcePosition() {
        return Optional.ofNullable(source);
    }

    /** Where this terminal record lives, e.g. {@code verdicts 1@42}. */
    public String where() {
        return (kind == Kind.VERDICT ? "verdicts " : "dead-letters ") + partition + "@" + offset;
    }
}
