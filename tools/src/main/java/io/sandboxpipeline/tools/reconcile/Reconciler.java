package io.sandboxpipeline.tools.reconcile;

import io.sandboxpipeline.tools.reconcile.ReconcileReport.Duplicate;
import io.sandboxpipeline.tools.reconcile.ReconcileReport.InputDuplicate;
import io.sandboxpipeline.tools.reconcile.ReconcileReport.Unanswered;
import io.sandboxpipeline.tools.reconcile.ReconcileReport.Unidentified;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Matches input records to terminal records; a pure function of what was read, so every rule is testable without
 * Kafka.
 *
 * <p>The rules:
 * <ul>
 *   <li>A dead letter that names its source record (topic, partition, offset on the input topic) answers exactly
 *       that input record: the most exact link, and the only one for a record with neither an eventId nor a key.</li>
 *   <li>Any other terminal record answers the event with its eventId. An input record whose value cannot be read is
 *       identified by its key, as the submitter dead-letters it under that key.</li>
 *   <li>An event id published in N input records is owed at least one and at most N terminal records (the records a
 *       dead letter names by position count separately): the pipeline coalesces a re-delivered event id that arrives
 *       while the first delivery is still being worked on, and answers it again when it arrives later. So repeats
 *       are reported as input duplicates, but are not a failure by themselves.</li>
 *   <li>Missing: an event with no terminal record whose oldest unanswered input record is at least {@code grace} old
 *       (or has no timestamp); younger ones are pending. Duplicated: more terminal records than that bound, or one
 *       input record named by more than one dead letter. Orphans: terminal records that match no input record read
 *       (e.g. the input was deleted by retention); reported, not a failure.</li>
 * </ul>
 */
public final class Reconciler {

    private static final Comparator<InputRecord> OLDEST_FIRST = Comparator
            .comparing(InputRecord::timestamp, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(InputRecord::partition)
            .thenComparingLong(InputRecord::offset);

    private Reconciler() {
    }

    /**
     * Reconciles what was read from the three topics.
     *
     * @param inputTopic name of the input topic, to recognise dead letters that name their source record
     * @param inputs     every record read from the input topic
     * @param terminals  every record read from the verdicts and dead-letters topics
     * @param checkedAt  the moment ages are measured from
     * @param grace      events younger than this without a terminal record are pending, not missing
     */
    public static ReconcileReport reconcile(String inputTopic, List<InputRecord> inputs, List<TerminalRecord> terminals,
                                            Instant checkedAt, Duration grace) {
        Objects.requireNonNull(inputTopic, "inputTopic");
        Objects.requireNonNull(checkedAt, "checkedAt");
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("grace must be zero or more, got " + grace);
        }
        Index index = Index.of(inputs);
        List<TerminalRecord> orphans = new ArrayList<>();
        for (TerminalRecord terminal : terminals) {
            if (!index.assign(inputTopic, terminal)) {
                orphans.add(terminal);
            }
        }
        return classify(inputTopic, inputs.size(), index.events, terminals, orphans, checkedAt, grace);
    }

    private static ReconcileReport classify(String inputTopic, int inputRecords, List<Event> events,
                                            List<TerminalRecord> terminals, List<TerminalRecord> orphans,
                                            Instant checkedAt, Duration grace) {
        List<Unanswered> missing = new ArrayList<>();
        List<Unanswered> pending = new ArrayList<>();
        List<Duplicate> duplicated = new ArrayList<>();
        List<InputDuplicate> inputDuplicates = new ArrayList<>();
        List<Unidentified> unidentified = new ArrayList<>();
        for (Event event : events) {
            List<InputRecord> unanswered = event.unansweredRecords();
            boolean answered = unanswered.isEmpty() || !event.byId.isEmpty();
            if (!answered) {
                Unanswered entry = unanswered(event.id, unanswered, checkedAt);
                (entry.age() == null || entry.age().compareTo(grace) >= 0 ? missing : pending).add(entry);
            }
            if (event.namedTwiceByPosition() || event.byId.size() > unanswered.size()) {
                duplicated.add(new Duplicate(event.id, event.records.size(), event.allTerminals()));
            }
            if (event.id != null && event.records.size() > 1) {
                inputDuplicates.add(new InputDuplicate(event.id, sorted(event.records), event.allTerminals().size()));
            }
            if (event.id == null) {
                unidentified.add(new Unidentified(event.records.get(0), answered));
            }
        }
        Comparator<Unanswered> oldestFirst = Comparator.comparing(Unanswered::age,
                Comparator.nullsFirst(Comparator.<Duration>reverseOrder()));
        missing.sort(oldestFirst);
        pending.sort(oldestFirst);
        int verdicts = (int) terminals.stream().filter(t -> t.kind() == TerminalRecord.Kind.VERDICT).count();
        return new ReconcileReport(inputTopic, checkedAt, grace, inputRecords, events.size(), verdicts,
                terminals.size() - verdicts, missing, pending, duplicated, orphans, inputDuplicates, unidentified);
    }

    private static Unanswered unanswered(String id, List<InputRecord> records, Instant checkedAt) {
        List<InputRecord> oldestFirst = sorted(records);
        Instant oldest = oldestFirst.get(0).timestamp();
        Duration age = oldest == null ? null : max(Duration.between(oldest, checkedAt), Duration.ZERO);
        return new Unanswered(id, oldestFirst, age);
    }

    private static List<InputRecord> sorted(List<InputRecord> records) {
        List<InputRecord> copy = new ArrayList<>(records);
        copy.sort(OLDEST_FIRST);
        return copy;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** A partition and offset of the input topic. */
    private record Position(int partition, long offset) {
    }

    /** The input records of one event and the terminal records found for it, while matching. */
    private static final class Event {
        final String id;
        final List<InputRecord> records = new ArrayList<>();
        /** Dead letters that name one of this event's records by position, per position. */
        final Map<Position, List<TerminalRecord>> byPosition = new LinkedHashMap<>();
        /** Terminal records matched by event id. */
        final List<TerminalRecord> byId = new ArrayList<>();

        Event(String id) {
            this.id = id;
        }

        List<InputRecord> unansweredRecords() {
            return records.stream().filter(r -> !byPosition.containsKey(new Position(r.partition(), r.offset()))).toList();
        }

        boolean namedTwiceByPosition() {
            return byPosition.values().stream().anyMatch(letters -> letters.size() > 1);
        }

        List<TerminalRecord> allTerminals() {
            List<TerminalRecord> all = new ArrayList<>();
            byPosition.values().forEach(all::addAll);
            all.addAll(byId);
            return all;
        }
    }

    /** Events in input order, found by event id and by input position. */
    private static final class Index {
        final List<Event> events = new ArrayList<>();
        final Map<String, Event> byId = new HashMap<>();
        final Map<Position, Event> byPosition = new HashMap<>();

        static Index of(List<InputRecord> inputs) {
            Index index = new Index();
            for (InputRecord record : inputs) {
                Optional<String> id = record.id();
                Event event = id.isPresent() ? index.byId.computeIfAbsent(id.get(), index::newEvent) : index.newEvent(null);
                event.records.add(record);
                index.byPosition.put(new Position(record.partition(), record.offset()), event);
            }
            return index;
        }

        private Event newEvent(String id) {
            Event event = new Event(id);
            events.add(event);
            return event;
        }

        /** Attaches the terminal record to the event it answers; false when it answers none (an orphan). */
        boolean assign(String inputTopic, TerminalRecord terminal) {
            Optional<Position> source = terminal.sourcePosition()
                    .filter(p -> p.topic().equals(inputTopic))
                    .map(p -> new Position(p.partition(), p.offset()))
                    .filter(byPosition::containsKey);
            if (source.isPresent()) {
                byPosition.get(source.get()).byPosition.computeIfAbsent(source.get(), p -> new ArrayList<>()).add(terminal);
                return true;
            }
            Event event = terminal.eventId() == null ? null : byId.get(terminal.eventId());
            if (event == null) {
                return false;
            }
            event.byId.add(terminal);
            return true;
        }
    }
}
