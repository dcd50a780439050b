package io.sandboxpipeline.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FlowReportTest {

    private static Report report(String id, OverallState state, Verdict verdict, double threatLevel) {
        return new Report(id, state, Optional.of(new FinalVerdict(verdict, threatLevel, 1.0, Optional.empty())),
                Optional.empty(), List.of(), List.of(), List.of(), List.of(), OptionalDouble.empty());
    }

    private static FlowReport flow(boolean allFinished, Optional<JobStatus> job, List<RejectedFile> rejected,
            Optional<SourceArchive> archive, Report... reports) {
        return new FlowReport("66f1905b318df2831b854ce5", allFinished, Optional.empty(), Optional.empty(),
                reports.length, Optional.empty(), OptionalInt.empty(), Optional.empty(), OptionalLong.empty(), job,
                rejected, archive, List.of(reports));
    }

    @Test
    void shouldTakeTheWorstSuccessfulReportByThreatLevel() {
        FlowReport flow = flow(true, Optional.empty(), List.of(), Optional.empty(),
                report("a", OverallState.SUCCESS, Verdict.NO_THREAT, 0.1),
                report("b", OverallState.SUCCESS_PARTIAL, Verdict.SUSPICIOUS, 0.5),
                report("c", OverallState.FAILED, Verdict.MALICIOUS, 1.0));

        assertThat(flow.verdict()).contains(Verdict.SUSPICIOUS);
        assertThat(flow.threatLevel()).isEqualTo(0.5);
        assertThat(flow.isFailed()).isFalse();
    }

    @Test
    void shouldPreferTheArchiveVerdictAndTheWorstMembersThreatLevel() {
        SourceArchive archive = new SourceArchive("a.zip", Optional.empty(), Optional.of("application/zip"),
                Optional.of(Verdict.MALICIOUS));
        FlowReport flow = flow(true, Optional.empty(), List.of(), Optional.of(archive),
                report("a", OverallState.SUCCESS, Verdict.NO_THREAT, 0.1),
                report("b", OverallState.SUCCESS, Verdict.MALICIOUS, 1.0));

        assertThat(flow.verdict()).contains(Verdict.MALICIOUS);
        assertThat(flow.threatLevel()).isEqualTo(1.0);
    }

    @Test
    void shouldFailOnJobError() {
        FlowReport flow = flow(true, Optional.of(new JobStatus(true, Optional.of("sandbox crashed"))), List.of(),
                Optional.empty());

        assertThat(flow.isFailed()).isTrue();
        assertThat(flow.failureReason()).contains("sandbox crashed");
    }

    @Test
    void shouldFailWhenReportsFailedAndNoneSucceeded() {
        FlowReport flow = flow(true, Optional.empty(), List.of(), Optional.empty(),
                report("a", OverallState.FAILED, Verdict.UNKNOWN, 0));

        assertThat(flow.isFailed()).isTrue();
        assertThat(flow.failureReason()).contains("overallState failed");
        assertThat(flow.verdict()).isEmpty();
        assertThat(flow.threatLevel()).isEqualTo(0.0);
    }

    @Test
    void shouldWaitForASiblingThatMayStillSucceed() {
        FlowReport flow = flow(false, Optional.empty(), List.of(), Optional.empty(),
                report("a", OverallState.FAILED_PARTIAL, Verdict.UNKNOWN, 0),
                report("b", OverallState.IN_PROGRESS, Verdict.UNKNOWN, 0));

        assertThat(flow.isFailed()).isFalse();
    }

    @Test
    void shouldNotTreatAFinishedFlowWithoutReportsOrRejectionsAsFailed() {
        // e.g. a whitelisted file submitted with skip_whitelisted: the service creates no report
        FlowReport flow = flow(true, Optional.empty(), List.of(), Optional.empty());

        assertThat(flow.isFinished()).isTrue();
        assertThat(flow.isFailed()).isFalse();
        assertThat(flow.verdict()).isEmpty();
    }

    @Test
    void shouldJoinDistinctRejectedReasons() {
        FlowReport flow = flow(true, Optional.empty(),
                List.of(new RejectedFile("a", "INVALID_PASSWORD"), new RejectedFile("b", "INVALID_PASSWORD"),
                        new RejectedFile("c", "ARCHIVE_ENCRYPTED")),
                Optional.empty());

        assertThat(flow.failureReason()).contains("INVALID_PASSWORD, ARCHIVE_ENCRYPTED");
    }
}
