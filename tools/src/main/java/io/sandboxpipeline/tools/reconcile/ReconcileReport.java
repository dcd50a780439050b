package io.sandboxpipeline.tools.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What reconciling the input topic against the terminal topics found. An event is an event id (or, for an input
 * record with neither an eventId nor a key, that record alone).
 *
 * @param inputTopic      the input topic that was reconciled
 * @param checkedAt       the moment ages are measured from (when the end offsets were taken)
 * @param grace           events younger than this without a terminal record are pending, not missing
 * @param inputRecords    records read from the input topic
 * @param events          distinct events among them
 * @param verdicts        records read from the verdicts topic
 * @param deadLetters     records read from the dead-letters topic
 * @param missing         events without a terminal record, older than the grace period: a failure
 * @param pending         events without a terminal record yet, within the grace period
 * @param duplicated      events answered more often than they were published: a failure
 * @param orphans         terminal records that answer no input record read
 * @param inputDuplicates event ids published in more than one input record
 * @param unidentified    input records with neither an eventId nor a key
 */
public record ReconcileReport(String inputTopic, Instant checkedAt, Duration grace, int inputRecords, int events,
                              int verdicts, int deadLetters, List<Unanswered> missing, List<Unanswered> pending,
                              List<Duplicate> duplicated, List<TerminalRecord> orphans,
                              List<InputDuplicate> inputDuplicates, List<Unidentified> unidentified) {

    public ReconcileReport {
        Objects.requireNonNull(inputTopic, "inputTopic");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(grace, "grace");
        missing = List.copyOf(missing);
        pending = List.copyOf(pending);
        duplicated = List.copyOf(duplicated);
        orphans = List.copyOf(orphans);
        inputDuplicates = List.copyOf(inputDuplicates);
        unidentified = List.copyOf(unidentified);
    }

    /** True when an event is missing or answered more than once: the pipeline's guarantee does not hold. */
    public boolean failed() {
        return !missing.isEmpty() || !duplicated.isEmpty();
    }

    /** Events that have their terminal record(s). */
    public int answered() {
        return events - missing.size() - pending.size();
    }

    /**
     * An event without a terminal record.
     *
     * @param eventId the event id; null for an input record with neither an eventId nor a key
     * @param records its input records, oldest first
     * @param age     age of its oldest input record; null when that record has no timestamp
     */
    public record Unanswered(String eventId, List<InputRecord> records, Duration age) {
        public Unanswered {
            records = List.copyOf(records);
            if (records.isEmpty()) {
                throw new IllegalArgumentException("an unanswered event has at least one input record");
            }
        }
    }

    /**
     * An event with more terminal records than it is owed.
     *
     * @param eventId      the event id (null for an input record without any id, named twice by position)
     * @param inputRecords how many input records carry it
     * @param terminals    every terminal record that answers it
     */
    public record Duplicate(String eventId, int inputRecords, List<TerminalRecord> terminals) {
        public Duplicate {
            terminals = List.copyOf(terminals);
        }

        /** The distinct outcomes its terminal records state, sorted. */
        public Set<String> outcomes() {
            Set<String> outcomes = new TreeSet<>();
            terminals.forEach(t -> outcomes.add(t.outcome()));
            return outcomes;
        }

        /** True when its terminal records do not all say the same thing. */
        public boolean disagree() {
            return outcomes().size() > 1;
        }
    }

    /**
     * An event id published in more than one input record.
     *
     * @param eventId   the event id
     * @param records   its input records, oldest first
     * @param terminals how many terminal records answer it
     */
    public record InputDuplicate(String eventId, List<InputRecord> records, int terminals) {
        public InputDuplicate {
            Objects.requireNonNull(eventId, "eventId");
            records = List.copyOf(records);
        }
    }

    /**
     * An input record with neither an eventId nor a key: only a dead letter naming its position can answer it.
     *
     * @param record   the input record
     * @param answered true when such a dead letter was found
     */
    public record Unidentified(InputRecord record, boolean answered) {
        public Unidentified {
            Objects.requireNonNull(record, "record");
        }
    }
}
