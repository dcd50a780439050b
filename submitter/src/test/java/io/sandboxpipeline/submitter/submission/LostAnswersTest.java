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
    private static final String STRANGER = "b".repeat(64);
    private static final String TOKEN = "sp-abcdefghijklmnopqrstuvwxyz";
    private static final Instant LOST_AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant SEARCHED_AT = LOST_AT.plusSeconds(10);

    private static LostUpload lost(List<String> excluded) {
        return new LostUpload(SHA256, LOST_AT, SEARCHED_AT, List.of(TOKEN), excluded);
    }

    @Test
    void shouldAdoptTheNewestFlowOfThisContentCreatedSinceTheLostAnswer() {
        List<ReportSearchHit> hits = List.of(
                hit("flow-older", SHA256, "11/22/2026, 10:00:03"),
                hit("flow-newest", SHA256, "11/22/2026, 10:00:09"),
                hit("flow-middle", SHA256, "11/22/2026, 10:00:05"));

        assertThat(LostAnswers.flowOf(hits, lost(List.of()))).contains("flow-newest");
    }

    @Test
    void shouldNeverAdoptAStrangersReportDatedInTheWindow() {
        // what the public service's Simple Search answers a query it ignores: the newest public reports of others
        List<ReportSearchHit> hits = List.of(
                hit("flow-stranger-1", STRANGER, "11/22/2026, 10:00:09"),
                hit("flow-stranger-2", "c".repeat(64), "11/22/2026, 10:00:08"));

        assertThat(LostAnswers.flowOf(hits, lost(List.of()))).isEmpty();
    }

    @Test
    void shouldNeverAdoptAHitThatDoesNotNameItsHash() {
        List<ReportSearchHit> hits = List.of(new ReportSearchHit("report-1", Optional.of("flow-nameless"), Optional.empty(),
                Optional.of("success"), Verdict.MALICIOUS, Optional.of("11/22/2026, 10:00:09"), List.of(TOKEN)));

        assertThat(LostAnswers.flowOf(hits, lost(List.of()))).isEmpty();
    }

    @Test
    void shouldPreferTheHitThatCarriesOurMarkerOverANewerOneOfTheSameContent() {
        List<ReportSearchHit> hits = List.of(
                tagged("flow-ours", SHA256, "11/22/2026, 10:00:02", List.of("docs", TOKEN)),
                hit("flow-someone-elses", SHA256, "11/22/2026, 10:00:09"));

        assertThat(LostAnswers.flowOf(hits, lost(List.of()))).contains("flow-ours");
    }

    @Test
    void shouldAdoptOurMarkedUploadWhateverItsDateButNeverAMarkerOnAnotherContent() {
        List<ReportSearchHit> undated = List.of(new ReportSearchHit("report-1", Optional.of("flow-ours"), Optional.of(SHA256),
                Optional.of("success"), Verdict.NO_THREAT, Optional.empty(), List.of(TOKEN)));
        List<ReportSearchHit> forged = List.of(tagged("flow-forged", STRANGER, "11/22/2026, 10:00:05", List.of(TOKEN)));

        assertThat(LostAnswers.flowOf(undated, lost(List.of()))).contains("flow-ours");
        assertThat(LostAnswers.flowOf(forged, lost(List.of()))).isEmpty();
    }

    @Test
    void shouldAllowSomeSlackForClocksApartButNotFlowsFromLongBefore() {
        assertThat(LostAnswers.flowOf(List.of(hit("flow-skewed", SHA256, "11/22/2026, 09:57:00")), lost(List.of())))
                .contains("flow-skewed");
        assertThat(LostAnswers.flowOf(List.of(hit("flow-yesterday", SHA256, "11/21/2026, 10:00:00")), lost(List.of())))
                .isEmpty();
    }

    @Test
    void shouldAdoptNoFlowDatedAfterTheSearchAsWhenTheServiceWritesAnotherZonesTime() {
        // a service writing UTC+2 dates: its flow from an hour ago looks an hour ahead
        assertThat(LostAnswers.flowOf(List.of(hit("flow-an-hour-old", SHA256, "11/22/2026, 11:00:05")), lost(List.of())))
                .isEmpty();
    }

    @Test
    void shouldNeverAdoptAFlowKnownToHaveFailed() {
        List<ReportSearchHit> hits = List.of(hit("flow-failed", SHA256, "11/22/2026, 10:00:09"),
                hit("flow-lost", SHA256, "11/22/2026, 10:00:01"));

        assertThat(LostAnswers.flowOf(hits, lost(List.of("flow-failed")))).contains("flow-lost");
        assertThat(LostAnswers.flowOf(hits.subList(0, 1), lost(List.of("flow-failed")))).isEmpty();
    }

    @Test
    void shouldTreatHitsWithoutAFlowOrAReadableDateAsNotFound() {
        List<ReportSearchHit> hits = List.of(
                new ReportSearchHit("report-1", Optional.empty(), Optional.of(SHA256), Optional.empty(), Verdict.UNKNOWN,
                        Optional.of("11/22/2026, 10:00:09"), List.of()),
                hit("flow-undated", SHA256, "yesterday-ish"),
                new ReportSearchHit("report-3", Optional.of("flow-no-date"), Optional.of(SHA256), Optional.empty(), Verdict.UNKNOWN,
                        Optional.empty(), List.of()));

        assertThat(LostAnswers.flowOf(hits, lost(List.of()))).isEmpty();
    }

    @Test
    void shouldMatchTheHashWhateverItsCase() {
        assertThat(LostAnswers.flowOf(List.of(hit("flow-upper", SHA256.toUpperCase(), "11/22/2026, 10:00:04")), lost(List.of())))
                .contains("flow-upper");
    }

    private static ReportSearchHit hit(String flowId, String sha256, String date) {
        return tagged(flowId, sha256, date, List.of());
    }

    private static ReportSearchHit tagged(String flowId, String sha256, String date, List<String> tags) {
        return new ReportSearchHit("report-of-" + flowId, Optional.of(flowId), Optional.of(sha256), Optional.of("success"),
                Verdict.NO_THREAT, Optional.of(date), tags);
    }
}
