package io.sandboxpipeline.submitter.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.client.HashReputation;
import io.sandboxpipeline.client.ReputationReport;
import io.sandboxpipeline.client.Verdict;
import io.sandboxpipeline.core.testing.TestTopics;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.HashWork;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.schemas.WorkPhase;
import io.sandboxpipeline.serde.AvroClassTrust;
import io.sandboxpipeline.submitter.policy.SourcePolicies;
import io.sandboxpipeline.submitter.policy.SourcePolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReputationCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String SHA256 = "c".repeat(64);

    static {
        // Avro builds records only of classes it was told to trust
        AvroClassTrust.declarePipelineSchemas();
    }

    /** Files under file:///hr/ are hash-only: never uploaded. */
    private final ReputationCheck decisions = new ReputationCheck(new SourcePolicies(
            List.of(new SourcePolicy("hr", "file:///hr/", true, false, false)), SourcePolicy.defaultPolicy(true)));

    @Test
    void shouldAnswerEveryEventOfAKnownBadHashWithoutUploading() {
        HashWork work = work(request("a", "file:///data/a.exe", false), request("b", "file:///hr/b.exe", false));

        ReputationCheck.Decision decision = decisions.onAnswer(work, reputation(Verdict.MALICIOUS), NOW);

        assertThat(decision.toUpload()).isEmpty();
        assertThat(decision.verdict()).hasValueSatisfying(v -> assertThat(v.getDecidedBy()).isEqualTo(Decider.REPUTATION));
        assertThat(decision.answers()).extracting(o -> o.getEvent().getEventId()).containsExactly("a", "b");
        assertThat(decision.answers()).allSatisfy(o -> {
            assertThat(o.getVerdict()).isEqualTo(io.sandboxpipeline.schemas.Verdict.MALICIOUS);
            assertThat(o.getReferenceFlowId()).isEqualTo("flow-of-the-known-report");
        });
    }

    @Test
    void shouldStillScanTheEventsThatAskForAFreshScan() {
        HashWork work = work(request("a", "file:///data/a.exe", false), request("rescan", "file:///data/r.exe", true));

        ReputationCheck.Decision decision = decisions.onAnswer(work, reputation(Verdict.LIKELY_MALICIOUS), NOW);

        assertThat(decision.answers()).extracting(o -> o.getEvent().getEventId()).containsExactly("a");
        assertThat(decision.toUpload()).hasValueSatisfying(upload -> {
            assertThat(upload.getWaiting()).extracting(r -> r.getEvent().getEventId()).containsExactly("rescan");
            assertThat(upload.getRepresentative().getEvent().getEventId()).isEqualTo("rescan");
        });
    }

    @Test
    void shouldUploadAnUploadableCopyAndAnswerHashOnlyEventsFromTheReputation() {
        // the representative comes from a hash-only source: the copy from an uploadable source is sent instead
        HashWork work = work(request("hr", "file:///hr/contract.docx", false), request("shared", "file:///data/contract.docx", false));

        ReputationCheck.Decision decision = decisions.onAnswer(work, reputation(Verdict.NO_THREAT), NOW);

        assertThat(decision.verdict()).as("not decided by the reputation: nothing to cache").isEmpty();
        assertThat(decision.answers()).singleElement().satisfies(o -> {
            assertThat(o.getEvent().getEventId()).isEqualTo("hr");
            assertThat(o.getStatus()).isEqualTo(OutcomeStatus.DONE);
            assertThat(o.getReason()).contains("not uploaded");
        });
        assertThat(decision.toUpload()).hasValueSatisfying(upload ->
                assertThat(upload.getRepresentative().getEvent().getEventId()).isEqualTo("shared"));
    }

    @Test
    void shouldFailOnlyTheHashOnlyEventsWhenTheReputationCannotAnswer() {
        HashWork work = work(request("hr", "file:///hr/a.docx", false), request("data", "file:///data/a.docx", false));

        ReputationCheck.Decision decision = decisions.onFailure(work, "HTTP 503", NOW);

        assertThat(decision.answers()).singleElement().satisfies(o -> {
            assertThat(o.getEvent().getEventId()).isEqualTo("hr");
            assertThat(o.getStatus()).isEqualTo(OutcomeStatus.FAILED);
            assertThat(o.getReason()).contains("HTTP 503");
        });
        assertThat(decision.toUpload()).isPresent();
    }

    @Test
    void shouldEndTheWorkWhenEveryEventIsHashOnly() {
        HashWork work = work(request("hr", "file:///hr/a.docx", false));

        ReputationCheck.Decision decision = decisions.onAnswer(work, reputation(Verdict.UNKNOWN), NOW);

        assertThat(decision.toUpload()).isEmpty();
        assertThat(decision.answers()).extracting(ScanOutcome::getStatus).containsExactly(OutcomeStatus.DONE);
    }

    @Test
    void shouldReferToTheNewestReportWhoseVerdictMadeTheDecision() {
        HashReputation reputation = new HashReputation(SHA256, Verdict.MALICIOUS, List.of(
                new ReputationReport(Verdict.NO_THREAT, "r-clean", Optional.of("flow-clean-scan"), Optional.of("01/28/2026, 10:24:45")),
                new ReputationReport(Verdict.MALICIOUS, "r-old", Optional.of("flow-old-malicious"), Optional.of("01/20/2025, 08:00:00")),
                new ReputationReport(Verdict.MALICIOUS, "r-new", Optional.of("flow-new-malicious"), Optional.of("2025-12-01T09:00:00.000000"))),
                Optional.empty());

        assertThat(ReputationCheck.referenceFlow(reputation)).contains("flow-new-malicious");
    }

    @Test
    void shouldReferToNoReportWhenNoneHasTheDecidingVerdict() {
        HashReputation reputation = new HashReputation(SHA256, Verdict.LIKELY_MALICIOUS, List.of(
                new ReputationReport(Verdict.NO_THREAT, "r-clean", Optional.of("flow-clean-scan"), Optional.empty())),
                Optional.empty());

        assertThat(ReputationCheck.referenceFlow(reputation)).as("a clean scan's tags would contradict the verdict").isEmpty();
    }

    private static HashReputation reputation(Verdict verdict) {
        return new HashReputation(SHA256, verdict, List.of(new ReputationReport(verdict, "report-1",
                Optional.of("flow-of-the-known-report"), Optional.empty())), Optional.empty());
    }

    private static ScanRequest request(String eventId, String uri, boolean rescan) {
        return ScanRequest.newBuilder()
                .setEvent(TestTopics.arrival(eventId, uri).setAttributes(rescan ? Map.of(ScanWork.RESCAN_ATTRIBUTE, "true") : Map.of()).build())
                .setSha256(SHA256).setSize(1).setAttempt(1).setPreviousFlowIds(List.of()).setHashedAt(NOW)
                .setFirstSubmittedAt(null).build();
    }

    private static HashWork work(ScanRequest... waiting) {
        return HashWork.newBuilder().setSha256(SHA256).setPhase(WorkPhase.REPUTATION).setRepresentative(waiting[0])
                .setWaiting(List.of(waiting)).setFlowId(null).setCreatedAt(NOW).build();
    }
}
