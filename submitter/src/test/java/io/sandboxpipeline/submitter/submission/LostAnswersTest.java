package io.sandboxpipeline.submitter.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.client.ReportSearchHit;
import io.sandboxpipeline.client.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LostAnswersTest {

    private static final String SHA256 = "a".repeat(64);
    private static final Instant LOST_AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant SEARCHED_AT = LOST_AT.plusSeconds(10);

    @Test
    void shouldAdoptTheNewestFlowCreatedSinceTheLostAnswer() {
        List<ReportSearchHit> hits = List.of(
                hit("flow-older", "11/22/2026, 10:00:03"),
                hit("flow-newest", "11/22/2026, 10:00:09"),
                hit("flow-middle", "11/22/2026, 10:00:05"));

        assertThat(LostAnswers.flowOf(hits, new LostUpload(LOST_AT, SEARCHED_AT, List.of()))).contains("flow-newest");
    }

    @Test
    void shouldAllowSomeSlackForClocksApartButNotFlowsFromLongBefore() {
        List<ReportSearchHit> slightlyBefore = List.of(hit("flow-skewed", "11/22/2026, 09:57:00"));
        List<ReportSearchHit> longBefore = List.of(hit("flow-yesterday", "11/21/2026, 10:00:00"));

        assertThat(LostAnswers.flowOf(slightlyBefore, new LostUpload(LOST_AT, SEARCHED_AT, List.of()))).contains("flow-skewed");
        assertThat(LostAnswers.flowOf(longBefore, new LostUpload(LOST_AT, SEARCHED_AT, List.of()))).isEmpty();
    }

    @Test
    void shouldAdoptNoFlowDatedAfterTheSearchAsWhenTheServiceWritesAnotherZonesTime() {
        // a service writing UTC+2 dates: its flow from an hour ago looks an hour ahead
        List<ReportSearchHit> hits = List.of(hit("flow-an-hour-old", "11/22/2026, 11:00:05"));

        assertThat(LostAnswers.flowOf(hits, new LostUpload(LOST_AT, SEARCHED_AT, List.of()))).isEmpty();
    }

    @Test
    void shouldNeverAdoptAFlowKnownToHaveFailed() {
        List<ReportSearchHit> hits = List.of(hit("flow-failed", "11/22/2026, 10:00:09"), hit("flow-lost", "11/22/2026, 10:00:01"));

        assertThat(LostAnswers.flowOf(hits, new LostUpload(LOST_AT, SEARCHED_AT, List.of("flow-failed")))).contains("flow-lost");
        assertThat(LostAnswers.flowOf(hits.subList(0, 1), new LostUpload(LOST_AT, SEARCHED_AT, List.of("flow-failed")))).isEmpty();
    }

    @Test
    void shouldTreatHitsWithoutAFlowOrAReadableDateAsNotFound() {
        List<ReportSearchHit> hits = List.of(
                new ReportSearchHit("report-1", Optional.empty(), SHA256, Optional.empty(), Verdict.UNKNOWN, Optional.of("11/22/2026, 10:00:09")),
                hit("flow-undated", "yesterday-ish"),
                new ReportSearchHit("report-3", Optional.of("flow-no-date"), SHA256, Optional.empty(), Verdict.UNKNOWN, Optional.empty()));

        assertThat(LostAnswers.flowOf(hits, new LostUpload(LOST_AT, SEARCHED_AT, List.of()))).isEmpty();
    }

    private static ReportSearchHit hit(String flowId, String date) {
        return new ReportSearchHit("report-of-" + flowId, Optional.of(flowId), SHA256, Optional.of("in_progress"),
                Verdict.UNKNOWN, Optional.of(date));
    }
}
