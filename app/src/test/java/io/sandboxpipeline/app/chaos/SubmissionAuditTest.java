package io.sandboxpipeline.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.Lane;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.Verdict;
import io.sandboxpipeline.serde.AvroClassTrust;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SubmissionAuditTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);

    @BeforeAll
    static void trustThePipelineSchemas() {
        // Avro 1.12 builds only record classes it was told to trust (the stages do this when they start)
        AvroClassTrust.declarePipelineSchemas();
    }

    @Test
    void shouldExplainOneUploadPerWorkPlusOnePerFailedScan() {
        // A: scanned twice (the first scan failed), answered two events; B: once, plus a later event from the cache
        List<EnrichedVerdict> verdicts = List.of(
                verdict("e1", A, "flow-a2", Decider.SANDBOX, 2), verdict("e2", A, "flow-a2", Decider.SANDBOX, 2),
                verdict("e3", B, "flow-b1", Decider.SANDBOX, 1), verdict("e4", B, "flow-b1", Decider.CACHE, 0));

        SubmissionAudit audit = SubmissionAudit.of(List.of(A, B), Map.of(A, 2L, B, 1L)::get, verdicts,
                SubmitterLog.of(List.of()));

        assertThat(audit.explained()).isEqualTo(3);
        assertThat(audit.extra()).isZero();
    }

    @Test
    void shouldExplainAnUploadAgainAfterALostUploadWhoseScanFailed() {
        // A's first upload was accepted, its answer lost, and its scan failed: the search (successful reports only)
        // cannot find it, so A was uploaded again, as after any failed scan
        List<EnrichedVerdict> verdicts = List.of(verdict("e1", A, "flow-a2", Decider.SANDBOX, 1));

        SubmissionAudit unexplained = SubmissionAudit.of(List.of(A), Map.of(A, 2L)::get, verdicts, SubmitterLog.of(List.of()));
        SubmissionAudit audit = SubmissionAudit.of(List.of(A), Map.of(A, 2L)::get, Map.of(A, 1L)::get, verdicts,
                SubmitterLog.of(List.of()));

        assertThat(unexplained.extra()).isEqualTo(1);
        assertThat(audit.extra()).isZero();
    }

    @Test
    void shouldPutExtraUploadsDownToLostAnswersFirstAndTheRestToCrashes() {
        List<EnrichedVerdict> verdicts = List.of(verdict("e1", A, "flow-a", Decider.SANDBOX, 1),
                verdict("e2", B, "flow-b", Decider.SANDBOX, 1), verdict("e3", C, "flow-c", Decider.SANDBOX, 1));
        SubmitterLog log = SubmitterLog.of(List.of(
                "sha256 " + A + ": upload attempt 1 failed (POST /api/scan/file failed: TIMEOUT: timed out), retrying",
                "sha256 " + B + ": upload attempt 1 failed (POST /api/scan/file failed: HTTP 503 SERVER_ERROR), retrying",
                "sha256 " + B + ": upload attempt 2 failed (GET /api/reports/search failed: TIMEOUT: timed out), retrying",
                "sha256 " + A + " submitted as flow flow-a (attempt 1, 1 event(s) waiting)",
                "sha256 " + C + ": found flow 6b0247ffe9837cabe48b228f of an upload whose answer was lost; not uploading again",
                "sha256 " + B + " submitted as flow flow-b (attempt 1, 1 event(s) waiting)",
                "sha256 " + C + " submitted as flow flow-c (attempt 1, 1 event(s) waiting)"));

        // A: 2 submissions, one after a timed-out answer; B: 2, but its upload failed with a 503 and its search timed
        // out, neither of which created a flow
        SubmissionAudit audit = SubmissionAudit.of(List.of(A, B, C), Map.of(A, 2L, B, 2L, C, 1L)::get, verdicts, log);

        assertThat(audit.extra()).isEqualTo(2);
        assertThat(audit.extraAfterLostAnswer()).isEqualTo(1);
        assertThat(audit.extraAfterCrashes()).isEqualTo(1);
        assertThat(audit.extraAfterCrashesPercent()).isCloseTo(33.33, offset(0.01));
        assertThat(audit.neverTakenIn()).as("5 accepted, 3 read by the submitter").isEqualTo(2);
        assertThat(audit.rolledBack()).isZero();
        assertThat(log.adoptedFlows()).isEqualTo(1);
    }

    private static EnrichedVerdict verdict(String eventId, String sha256, String flowId, Decider decider, int attempts) {
        Instant now = Instant.parse("2025-06-11T10:00:00Z");
        return EnrichedVerdict.newBuilder().setEventId(eventId).setUri("file:///" + eventId).setSha256(sha256)
                .setName(null).setSourceSystem("test").setLane(Lane.LIVE).setVerdict(Verdict.NO_THREAT)
                .setThreatLevel(null).setConfidence(null).setDecidedBy(decider).setFlowId(flowId)
                .setArchiveVerdict(null).setStatus(OutcomeStatus.DONE).setReason(null).setAttempts(attempts)
                .setArrivalTime(now).setSubmittedAt(now).setDecidedAt(now).setPublishedAt(now)
                .setEnrichmentError(null).build();
    }
}
