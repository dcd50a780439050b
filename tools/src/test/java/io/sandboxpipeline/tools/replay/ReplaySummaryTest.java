package io.sandboxpipeline.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplaySummaryTest {

    private final List<ReplayEvent> events = new ArrayList<>();
    private final Map<String, EventOutcome> outcomes = new HashMap<>();

    private ReplayEvent event(int i) {
        ReplayEvent event = ReplayEvent.plan(new RunId("run-1"), List.of(ReplayFile.of("s3://b/f" + i))).get(0);
        events.add(event);
        return event;
    }

    @Test
    void shouldCountStatusesVerdictsDecidersAndTheScansTheRunCaused() {
        // two events share flow-a (one content, attached to the same scan); flow-b needed a retried scan
        outcomes.put(event(1).eventId(), TestOutcomes.done(events.get(0), Verdict.NO_THREAT, Decider.SANDBOX, "flow-a", 1));
        outcomes.put(event(2).eventId(), TestOutcomes.done(events.get(1), Verdict.NO_THREAT, Decider.SANDBOX, "flow-a", 1));
        outcomes.put(event(3).eventId(), TestOutcomes.done(events.get(2), Verdict.SUSPICIOUS, Decider.SANDBOX, "flow-b", 2));
        outcomes.put(event(4).eventId(), TestOutcomes.done(events.get(3), Verdict.NO_THREAT, Decider.CACHE, "flow-old", 0));
        outcomes.put(event(5).eventId(), TestOutcomes.done(events.get(4), Verdict.MALICIOUS, Decider.REPUTATION, "flow-known", 0));
        outcomes.put(event(6).eventId(), EventOutcome.of(TestOutcomes.verdict(events.get(5), OutcomeStatus.SKIPPED,
                Verdict.UNKNOWN, Decider.NONE, null, 0, "over the upload limit")));
        outcomes.put(event(7).eventId(), TestOutcomes.deadLetter(events.get(6), "INVALID_EVENT", "uri is not readable"));
        event(8);

        ReplaySummary summary = ReplaySummary.of(events, outcomes);

        assertThat(summary.events()).isEqualTo(8);
        assertThat(summary.answered()).isEqualTo(7);
        assertThat(summary.byStatus()).containsOnly(Map.entry("DONE", 5L), Map.entry("FAILED", 0L), Map.entry("SKIPPED", 1L),
                Map.entry("TIMED_OUT", 0L), Map.entry("DEAD_LETTER", 1L), Map.entry("MISSING", 1L));
        assertThat(summary.byVerdict()).containsOnly(Map.entry(Verdict.NO_THREAT, 3L), Map.entry(Verdict.SUSPICIOUS, 1L),
                Map.entry(Verdict.MALICIOUS, 1L), Map.entry(Verdict.UNKNOWN, 1L));
        assertThat(summary.byDecider()).containsOnly(Map.entry(Decider.SANDBOX, 3L), Map.entry(Decider.CACHE, 1L),
                Map.entry(Decider.REPUTATION, 1L), Map.entry(Decider.NONE, 1L));
        assertThat(summary.newFlows()).isEqualTo(2);
        assertThat(summary.uploads()).isEqualTo(3);
    }

    @Test
    void shouldPrintTheCountsAndWhereTheRestOfTheCostIs() {
        outcomes.put(event(1).eventId(), TestOutcomes.done(events.get(0), Verdict.NO_THREAT, Decider.CACHE, "flow-old", 0));
        event(2);
        StringWriter text = new StringWriter();

        ReplaySummary.of(events, outcomes).print(new PrintWriter(text, true), "run-1");

        assertThat(text.toString())
                .contains("Run run-1: 2 events, 1 with their terminal record (1 still without one)")
                .contains("status       DONE 1, FAILED 0, SKIPPED 0, TIMED_OUT 0, dead-lettered 0, no record yet 1")
                .contains("verdict      NO_THREAT 1")
                .contains("decided by   REPUTATION 0, SANDBOX 0, CACHE 1, NONE 0")
                .contains("0 new scans").contains("1 cache hit (no Sandbox call)")
                .contains("sandbox_pipeline_sandbox_calls_total");
    }
}
