package io.sandboxpipeline.tools.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sandboxpipeline.tools.reconcile.ReconcileReport.Duplicate;
import io.sandboxpipeline.tools.reconcile.ReconcileReport.InputDuplicate;
import io.sandboxpipeline.tools.reconcile.ReconcileReport.Unanswered;
import io.sandboxpipeline.tools.reconcile.ReconcileReport.Unidentified;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The matching rules, on records as the reader would deliver them. */
class ReconcilerTest {

    private static final String INPUT = "sandbox.file-arrivals";
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final Duration OLD = Duration.ofMinutes(10);

    private final List<InputRecord> inputs = new ArrayList<>();
    private final List<TerminalRecord> terminals = new ArrayList<>();

    @Test
    void shouldFindNothingWrongWhenEveryEventHasOneTerminalRecord() {
        arrival("e1", OLD);
        InputRecord invalid = arrival("e2", OLD);
        verdict("e1", "DONE NO_THREAT");
        deadLetterFor(invalid, "e2");

        ReconcileReport report = reconcile();

        assertThat(report.failed()).isFalse();
        assertThat(report.events()).isEqualTo(2);
        assertThat(report.answered()).isEqualTo(2);
        assertThat(report.verdicts()).isEqualTo(1);
        assertThat(report.deadLetters()).isEqualTo(1);
        assertThat(report.missing()).isEmpty();
        assertThat(report.pending()).isEmpty();
        assertThat(report.duplicated()).isEmpty();
        assertThat(report.orphans()).isEmpty();
        assertThat(report.inputDuplicates()).isEmpty();
    }

    @Test
    void shouldReportAnOldEventWithoutTerminalRecordAsMissingWithItsAge() {
        arrival("lost", Duration.ofHours(2));
        arrival("answered", OLD);
        verdict("answered", "DONE NO_THREAT");

        ReconcileReport report = reconcile();

        assertThat(report.failed()).isTrue();
        assertThat(report.missing()).extracting(Unanswered::eventId, Unanswered::age)
                .containsExactly(tuple("lost", Duration.ofHours(2)));
        assertThat(report.answered()).isEqualTo(1);
    }

    @Test
    void shouldReportAYoungEventWithoutTerminalRecordAsPendingNotMissing() {
        arrival("in-progress", Duration.ofMinutes(4));

        ReconcileReport report = reconcile();

        assertThat(report.failed()).isFalse();
        assertThat(report.missing()).isEmpty();
        assertThat(report.pending()).extracting(Unanswered::eventId).containsExactly("in-progress");
    }

    @Test
    void shouldCountAnEventAsMissingOnceItsAgeReachesTheGracePeriod() {
        arrival("just-old-enough", GRACE);

        assertThat(reconcile().missing()).extracting(Unanswered::eventId).containsExactly("just-old-enough");
    }

    @Test
    void shouldReportAnEventWithoutTimestampAndTerminalRecordAsMissingOfUnknownAge() {
        inputs.add(new InputRecord(0, inputs.size(), null, "no-time", "no-time"));

        ReconcileReport report = reconcile();

        assertThat(report.missing()).singleElement().satisfies(m -> {
            assertThat(m.eventId()).isEqualTo("no-time");
            assertThat(m.age()).isNull();
        });
    }

    @Test
    void shouldListMissingEventsOldestFirst() {
        arrival("ten-minutes", OLD);
        arrival("two-days", Duration.ofDays(2));
        arrival("one-hour", Duration.ofHours(1));

        assertThat(reconcile().missing()).extracting(Unanswered::eventId)
                .containsExactly("two-days", "one-hour", "ten-minutes");
    }

    @Test
    void shouldReportTwoTerminalRecordsForOneEventAsDuplicatedAndSayWhetherTheyDisagree() {
        arrival("same-twice", OLD);
        arrival("contradicted", OLD);
        verdict("same-twice", "DONE MALICIOUS");
        verdict("same-twice", "DONE MALICIOUS");
        verdict("contradicted", "DONE MALICIOUS");
        verdict("contradicted", "DONE NO_THREAT");

        ReconcileReport report = reconcile();

        assertThat(report.failed()).isTrue();
        assertThat(report.duplicated()).extracting(Duplicate::eventId, d -> d.terminals().size(), Duplicate::disagree)
                .containsExactly(
                        tuple("same-twice", 2, false),
                        tuple("contradicted", 2, true));
        assertThat(report.duplicated().get(1).outcomes()).containsExactly("DONE MALICIOUS", "DONE NO_THREAT");
    }

    @Test
    void shouldReportAVerdictAndADeadLetterForOneEventAsDuplicated() {
        InputRecord record = arrival("both", OLD);
        deadLetterFor(record, "both");
        verdict("both", "DONE NO_THREAT");

        ReconcileReport report = reconcile();

        assertThat(report.duplicated()).singleElement().satisfies(d -> {
            assertThat(d.eventId()).isEqualTo("both");
            assertThat(d.disagree()).isTrue();
        });
    }

    @Test
    void shouldReportTerminalRecordsForUnknownEventsAsOrphansWithoutFailing() {
        arrival("known", OLD);
        verdict("known", "DONE NO_THREAT");
        verdict("expired-input", "DONE BENIGN");
        terminals.add(TerminalRecord.deadLetter(0, 7, null, null, "DEAD_LETTER INVALID_EVENT"));

        ReconcileReport report = reconcile();

        assertThat(report.failed()).isFalse();
        assertThat(report.orphans()).extracting(TerminalRecord::eventId).containsExactly("expired-input", null);
    }

    @Test
    void shouldMatchADeadLetterForARecordWithoutAnyIdByItsSourceOffset() {
        InputRecord answered = raw(null, OLD);
        raw(null, OLD);
        deadLetterFor(answered, null);

        ReconcileReport report = reconcile();

        assertThat(report.unidentified()).extracting(Unidentified::answered).containsExactly(true, false);
        assertThat(report.missing()).singleElement().satisfies(m -> {
            assertThat(m.eventId()).isNull();
            assertThat(m.records()).extracting(InputRecord::offset).containsExactly(1L);
        });
        assertThat(report.orphans()).isEmpty();
    }

    @Test
    void shouldIdentifyAnUnreadableInputRecordByItsKey() {
        raw("garbage-key", OLD);
        terminals.add(TerminalRecord.deadLetter(0, 0, "garbage-key", null, "DEAD_LETTER UNDESERIALIZABLE"));

        ReconcileReport report = reconcile();

        assertThat(report.failed()).isFalse();
        assertThat(report.answered()).isEqualTo(1);
        assertThat(report.unidentified()).isEmpty();
    }

    @Test
    void shouldLetTheSourceOffsetWinOverTheEventIdOfADeadLetter() {
        InputRecord first = arrival("e1", OLD);
        arrival("e2", OLD);
        // names e2, but says it was made from e1's record: the position is the exact link
        deadLetterFor(first, "e2");

        ReconcileReport report = reconcile();

        assertThat(report.missing()).extracting(Unanswered::eventId).containsExactly("e2");
        assertThat(report.duplicated()).isEmpty();
    }

    @Test
    void shouldMatchByEventIdADeadLetterWhoseSourceIsAnotherTopic() {
        InputRecord e1 = arrival("e1", OLD);
        arrival("e2", OLD);
        // same partition and offset as e1's input record, but on another topic: it answers e2 by its id
        terminals.add(TerminalRecord.deadLetter(0, 0, "e2",
                new TerminalRecord.SourcePosition("sandbox.scan-flows", e1.partition(), e1.offset()), "DEAD_LETTER X"));
        verdict("e1", "DONE NO_THREAT");

        ReconcileReport report = reconcile();

        assertThat(report.failed()).isFalse();
        assertThat(report.answered()).isEqualTo(2);
    }

    @Test
    void shouldNotTreatTheTerminalRecordsOfAnEventIdPublishedTwiceAsDuplicated() {
        arrival("answered-twice", OLD);
        arrival("answered-twice", Duration.ofMinutes(8));
        arrival("coalesced", OLD);
        arrival("coalesced", OLD);
        verdict("answered-twice", "DONE NO_THREAT");
        verdict("answered-twice", "DONE NO_THREAT");
        verdict("coalesced", "DONE NO_THREAT");

        ReconcileReport report = reconcile();

        assertThat(report.failed()).isFalse();
        assertThat(report.events()).isEqualTo(2);
        assertThat(report.inputDuplicates()).extracting(InputDuplicate::eventId, d -> d.records().size(), InputDuplicate::terminals)
                .containsExactly(
                        tuple("answered-twice", 2, 2),
                        tuple("coalesced", 2, 1));
    }

    @Test
    void shouldReportMoreTerminalRecordsThanPublicationsOfAnEventIdAsDuplicated() {
        arrival("e1", OLD);
        arrival("e1", OLD);
        verdict("e1", "DONE NO_THREAT");
        verdict("e1", "DONE NO_THREAT");
        verdict("e1", "DONE NO_THREAT");

        ReconcileReport report = reconcile();

        assertThat(report.duplicated()).singleElement().satisfies(d -> {
            assertThat(d.inputRecords()).isEqualTo(2);
            assertThat(d.terminals()).hasSize(3);
        });
    }

    @Test
    void shouldReportTwoDeadLettersForTheSameInputRecordAsDuplicatedEvenIfAnotherRecordOfItsIdIsUnanswered() {
        InputRecord first = arrival("e1", OLD);
        arrival("e1", OLD);
        deadLetterFor(first, "e1");
        deadLetterFor(first, "e1");

        ReconcileReport report = reconcile();

        assertThat(report.duplicated()).extracting(Duplicate::eventId).containsExactly("e1");
        // a dead letter that names one record answers only that record
        assertThat(report.missing()).singleElement()
                .satisfies(m -> assertThat(m.records()).extracting(InputRecord::offset).containsExactly(1L));
    }

    private ReconcileReport reconcile() {
        return Reconciler.reconcile(INPUT, inputs, terminals, NOW, GRACE);
    }

    private InputRecord arrival(String eventId, Duration age) {
        InputRecord record = new InputRecord(0, inputs.size(), NOW.minus(age), eventId, eventId);
        inputs.add(record);
        return record;
    }

    /** A record whose value is not a file-arrival event. */
    private InputRecord raw(String key, Duration age) {
        InputRecord record = new InputRecord(0, inputs.size(), NOW.minus(age), key, null);
        inputs.add(record);
        return record;
    }

    private void verdict(String eventId, String outcome) {
        terminals.add(TerminalRecord.verdict(0, terminals.size(), eventId, outcome));
    }

    private void deadLetterFor(InputRecord source, String eventId) {
        terminals.add(TerminalRecord.deadLetter(1, terminals.size(), eventId,
                new TerminalRecord.SourcePosition(INPUT, source.partition(), source.offset()), "DEAD_LETTER INVALID_EVENT"));
    }
}
