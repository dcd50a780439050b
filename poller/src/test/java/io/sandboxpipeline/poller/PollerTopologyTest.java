package io.sandboxpipeline.poller;

import static io.sandboxpipeline.core.testing.FakeSandbox.archive;
import static io.sandboxpipeline.core.testing.FakeSandbox.failedScan;
import static io.sandboxpipeline.core.testing.FakeSandbox.finished;
import static io.sandboxpipeline.core.testing.FakeSandbox.inProgress;
import static io.sandboxpipeline.core.testing.FakeSandbox.rejected;
import static io.sandboxpipeline.core.testing.FakeSandbox.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sandboxpipeline.client.ErrorKind;
import io.sandboxpipeline.client.OverallState;
import io.sandboxpipeline.client.RejectedFile;
import io.sandboxpipeline.client.ReportQuery;
import io.sandboxpipeline.client.SandboxHttpException;
import io.sandboxpipeline.client.SandboxRateLimitedException;
import io.sandboxpipeline.client.Verdict;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.quota.QuotaConfig;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.testing.FakeSandbox;
import io.sandboxpipeline.core.testing.TestTopics;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanFlow;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.schemas.ScanResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollerTopologyTest {

    private static final Duration STEP = Duration.ofMillis(100);
    private static final String FLOW = "66f1905b318df2831b854ce5";

    private final FakeSandbox sandbox = new FakeSandbox();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PipelineTopics topics = TestTopics.create();
    private TopologyTestDriver driver;
    private long nowMs = TestTopics.START.toEpochMilli();
    private TestInputTopic<String, ScanFlow> flowsIn;
    private TestOutputTopic<String, ScanResult> outcomes;
    private TestOutputTopic<String, ScanRequest> resubmissions;

    private void start(Map<String, String> overrides) {
        ConfigValues values = ConfigValues.of(Map.of(
                "kafka.bootstrap.servers", "unused:9092",
                "sandbox.url", "http://127.0.0.1:1",
                "sandbox.api.key", "test-key",
                "schema.registry.url", "mock://unused"));
        for (var e : overrides.entrySet()) {
            values = values.with(e.getKey(), e.getValue());
        }
        sandbox.clock(() -> nowMs);
        driver = new TopologyTestDriver(PollerTopology.build(topics, PollerConfig.from(values), sandbox,
                new QuotaLimiter(QuotaConfig.unlimited()),
                new PipelineMetrics(registry, "poller")),
                TestTopics.driverProperties(), TestTopics.START);
        flowsIn = driver.createInputTopic(topics.scanFlows().name(), Serdes.String().serializer(), topics.scanFlowSerde().serializer());
        outcomes = driver.createOutputTopic(topics.scanResults().name(), Serdes.String().deserializer(), topics.scanResults().valueSerde().deserializer());
        resubmissions = driver.createOutputTopic(topics.scanRequests().name(), Serdes.String().deserializer(), topics.scanRequestSerde().deserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private void run(Duration duration) {
        for (long done = 0; done < duration.toMillis(); done += STEP.toMillis()) {
            nowMs += STEP.toMillis();
            driver.advanceWallClockTime(STEP);
        }
    }

    private void submit(int attempt) {
        submitFlow(FLOW, "e1", "file:///data/a.exe", "b".repeat(64), false, attempt);
    }

    private void submitFlow(String flowId, String eventId, String uri, String sha256, boolean byUrl) {
        submitFlow(flowId, eventId, uri, sha256, byUrl, 1);
    }

    /** A flow the submitter just started, as it sends it to the poller. */
    private void submitFlow(String flowId, String eventId, String uri, String sha256, boolean byUrl, int attempt) {
        Instant now = Instant.ofEpochMilli(nowMs);
        ScanRequest request = ScanRequest.newBuilder()
                .setEvent(TestTopics.arrival(eventId, uri).build())
                .setSha256(sha256).setSize(100).setAttempt(attempt).setPreviousFlowIds(List.of())
                .setLastFailureReason(null).setHashedAt(now).setFirstSubmittedAt(now).build();
        flowsIn.pipeInput(flowId, ScanFlow.newBuilder().setRequest(request).setFlowId(flowId).setSubmittedAt(now).setDueAt(now)
                .setPollCount(0).setLastPolledAt(null).setLastPollPauseSeconds(null).setDeadlineAt(now).setScannedByUrl(byUrl).build());
    }

    @Test
    void shouldPollNoSoonerThanPollPauseAndRequeueOnTheDelayedTopic() {
        start(Map.of());
        sandbox.whenFlow(FLOW, List.of(inProgress(5), inProgress(5), finished(FLOW, Verdict.MALICIOUS, 1.0)));
        submit(1);

        run(Duration.ofSeconds(20));

        List<FakeSandbox.Poll> polls = sandbox.polls(FLOW);
        assertThat(polls).hasSize(3);
        assertThat(polls.get(0).atMs() - TestTopics.START.toEpochMilli()).isGreaterThanOrEqualTo(2000).isLessThan(2200);
        assertThat(polls.get(1).atMs() - polls.get(0).atMs()).isGreaterThanOrEqualTo(5000).isLessThan(5200);
        assertThat(polls.get(2).atMs() - polls.get(1).atMs()).isGreaterThanOrEqualTo(5000).isLessThan(5200);
        assertThat(polls).allSatisfy(p -> assertThat(p.query()).isEqualTo(ReportQuery.POLL));
        ScanResult outcome = outcomes.readValue();
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.DONE);
        assertThat(outcome.getDecidedBy()).isEqualTo(Decider.SANDBOX);
        assertThat(outcome.getVerdict()).isEqualTo(io.sandboxpipeline.schemas.Verdict.MALICIOUS);
        assertThat(outcome.getThreatLevel()).isEqualTo(1.0);
        assertThat(outcome.getFlowId()).isEqualTo(FLOW);
        assertThat(outcomes.isEmpty()).isTrue();
    }

    @Test
    void shouldCarryTheDueTimeOnTheDelayedTopic() {
        start(Map.of());
        sandbox.whenFlow(FLOW, List.of(inProgress(12), finished(FLOW, Verdict.NO_THREAT, 0.1)));
        TestOutputTopic<String, ScanFlow> delayed = driver.createOutputTopic(topics.names().pollsDelayed().get(1),
                Serdes.String().deserializer(), topics.scanFlowSerde().deserializer());
        submit(1);

        run(Duration.ofSeconds(3));

        // pollPause 12 s is longer than the 10 s tier: the flow goes to the 60 s tier, due 12 s after the poll
        ScanFlow requeued = delayed.readValue();
        assertThat(requeued.getPollCount()).isEqualTo(1);
        assertThat(requeued.getLastPollPauseSeconds()).isEqualTo(12);
        assertThat(requeued.getDueAt()).isEqualTo(requeued.getLastPolledAt().plusSeconds(12));
    }

    @Test
    void shouldTimeOutFlowsPastTheDeadline() {
        start(Map.of("poller.scan.deadline", "10s"));
        sandbox.whenFlow(FLOW, List.of(inProgress(5)));
        submit(1);

        run(Duration.ofSeconds(20));

        ScanResult outcome = outcomes.readValue();
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.TIMED_OUT);
        assertThat(outcome.getReason()).contains("not finished");
        assertThat(sandbox.polls(FLOW)).hasSizeBetween(2, 4);
    }

    @Test
    void shouldNeverTakeTheVerdictOfAReportAboutAnotherFile() {
        start(Map.of());
        sandbox.whenFlow(FLOW, List.of(FakeSandbox.finishedOf("e".repeat(64), Verdict.MALICIOUS, 1.0)));
        submit(1);

        run(Duration.ofSeconds(3));

        assertThat(outcomes.isEmpty()).as("no verdict from another file's report").isTrue();
        ScanRequest retry = resubmissions.readValue();
        assertThat(retry.getAttempt()).isEqualTo(2);
        assertThat(retry.getPreviousFlowIds()).as("the flow is excluded from adoption").containsExactly(FLOW);
        assertThat(retry.getLastFailureReason()).contains("about another file").contains("e".repeat(64));
        assertThat(registry.get(PipelineMetrics.FLOW_HASH_MISMATCHES).counter().count()).isEqualTo(1);
    }

    @Test
    void shouldTakeTheVerdictOfTheContentsOwnReportAndOfAUrlScan() {
        start(Map.of());
        sandbox.whenFlow(FLOW, List.of(FakeSandbox.finishedOf("B".repeat(64), Verdict.NO_THREAT, 0.1)));
        submit(1);
        run(Duration.ofSeconds(3));

        assertThat(outcomes.readValue().getVerdict()).hasToString("NO_THREAT");

        // a URL scan's report names the URL's hash: not checked, and flagged as a URL verdict
        sandbox.whenFlow("66f1905b318df2831b854ce6", List.of(FakeSandbox.finishedOf("f".repeat(64), Verdict.SUSPICIOUS, 0.5)));
        submitFlow("66f1905b318df2831b854ce6", "e2", "s3://bucket/a.exe", "b".repeat(64), true);
        run(Duration.ofSeconds(3));

        ScanResult byUrl = outcomes.readValue();
        assertThat(byUrl.getVerdict()).hasToString("SUSPICIOUS");
        assertThat(byUrl.getScannedByUrl()).isTrue();
    }

    @Test
    void shouldScanAgainWhenTheSandboxRefusesAccessToTheFlowWithoutStoppingTheStage() {
        start(Map.of());
        sandbox.whenFlow(FLOW, List.of(CompletableFuture.failedFuture(new SandboxHttpException(
                ErrorKind.FORBIDDEN, 403, "GET /api/scan/{flow_id}/report", "Access denied"))));
        submit(1);

        run(Duration.ofSeconds(3));

        ScanRequest retry = resubmissions.readValue();
        assertThat(retry.getPreviousFlowIds()).containsExactly(FLOW);
        assertThat(retry.getLastFailureReason()).contains("HTTP 403");
    }

    @Test
    void shouldScanAgainWhenTheSandboxDoesNotKnowTheFlow() {
        start(Map.of());
        sandbox.whenFlow(FLOW, List.of(CompletableFuture.failedFuture(new SandboxHttpException(
                ErrorKind.NOT_FOUND, 404, "GET /api/scan/{flow_id}/report", "Not Found"))));
        submit(1);

        run(Duration.ofSeconds(3));

        ScanRequest retry = resubmissions.readValue();
        assertThat(retry.getPreviousFlowIds()).containsExactly(FLOW);
        assertThat(retry.getLastFailureReason()).contains("does not know flow " + FLOW).contains("HTTP 404");
        assertThat(outcomes.isEmpty()).as("a 404 is no verdict").isTrue();
    }

    @Test
    void shouldFailTheFlowWhenTheSandboxRejectsTheReportRequest() {
        start(Map.of());
        sandbox.whenFlow(FLOW, List.of(CompletableFuture.failedFuture(new SandboxHttpException(
                ErrorKind.BAD_REQUEST, 400, "GET /api/scan/{flow_id}/report", "Invalid filter"))));
        submit(1);

        run(Duration.ofSeconds(3));

        ScanResult outcome = outcomes.readValue();
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.getReason()).startsWith("report request rejected");
        assertThat(resubmissions.isEmpty()).as("a rejected request is not retried by scanning again").isTrue();
    }

    @Test
    void shouldTakeAPartialSuccessAsAVerdictAndRetryAPartialFailure() {
        start(Map.of());
        sandbox.whenFlow(FLOW, List.of(FakeSandbox.finishedWith(report("file", OverallState.SUCCESS_PARTIAL, Verdict.SUSPICIOUS, 0.5))));
        submit(1);
        run(Duration.ofSeconds(3));

        assertThat(outcomes.readValue().getVerdict()).as("success_partial has its verdict (Workflow Guide)")
                .isEqualTo(io.sandboxpipeline.schemas.Verdict.SUSPICIOUS);

        sandbox.whenFlow("66f1905b318df2831b854ce7", List.of(FakeSandbox.finishedWith(
                report("file", OverallState.FAILED_PARTIAL, Verdict.UNKNOWN, 0))));
        submitFlow("66f1905b318df2831b854ce7", "e3", "file:///data/b.exe", "c".repeat(64), false);
        run(Duration.ofSeconds(3));

        assertThat(resubmissions.readValue().getLastFailureReason()).as("failed_partial is retried").contains("failed_partial");
    }

    @Test
    void shouldResubmitFailedScansUntilTheAttemptsRunOut() {
        start(Map.of("poller.max.scan.attempts", "2"));
        sandbox.whenFlow(FLOW, List.of(failedScan("sandbox crashed")));
        submit(1);

        run(Duration.ofSeconds(3));

        ScanRequest retry = resubmissions.readValue();
        assertThat(retry.getAttempt()).isEqualTo(2);
        assertThat(retry.getPreviousFlowIds()).containsExactly(FLOW);
        assertThat(retry.getLastFailureReason()).isEqualTo("sandbox crashed");
        assertThat(outcomes.isEmpty()).isTrue();

        submit(2);
        run(Duration.ofSeconds(3));

        ScanResult outcome = outcomes.readValue();
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.getReason()).contains("scan failed 2 time(s)").contains("sandbox crashed");
        assertThat(outcome.getAttempts()).isEqualTo(2);
    }

    @Test
    void shouldTakeTheArchiveVerdictAndKeepMemberVerdicts() {
        start(Map.of());
        sandbox.whenFlow(FLOW, List.of(archive(Verdict.SUSPICIOUS,
                report("readme.txt", OverallState.SUCCESS, Verdict.NO_THREAT, 0.1),
                report("macro.doc", OverallState.SUCCESS, Verdict.SUSPICIOUS, 0.5))));
        submit(1);

        run(Duration.ofSeconds(3));

        ScanResult outcome = outcomes.readValue();
        assertThat(outcome.getVerdict()).isEqualTo(io.sandboxpipeline.schemas.Verdict.SUSPICIOUS);
        assertThat(outcome.getArchiveVerdict()).isEqualTo(io.sandboxpipeline.schemas.Verdict.SUSPICIOUS);
        assertThat(outcome.getMembers()).extracting(m -> m.getName() + "=" + m.getVerdict())
                .containsExactly("readme.txt=NO_THREAT", "macro.doc=SUSPICIOUS");
    }

    @Test
    void shouldPublishNumbersThatAgreeWithTheArchiveVerdict() {
        start(Map.of());
        // the service derived the archive's verdict its own way: a member's numbers would contradict it
        sandbox.whenFlow(FLOW, List.of(archive(Verdict.LIKELY_MALICIOUS,
                report("readme.txt", OverallState.SUCCESS, Verdict.NO_THREAT, 0.1),
                report("macro.doc", OverallState.SUCCESS, Verdict.SUSPICIOUS, 0.5))));
        submit(1);

        run(Duration.ofSeconds(3));

        ScanResult outcome = outcomes.readValue();
        assertThat(outcome.getVerdict()).isEqualTo(io.sandboxpipeline.schemas.Verdict.LIKELY_MALICIOUS);
        assertThat(outcome.getThreatLevel()).as("LIKELY_MALICIOUS's level, not the suspicious member's").isEqualTo(0.75);
        assertThat(outcome.getConfidence()).as("no member's confidence belongs to this verdict").isNull();
    }

    @Test
    void shouldShowArchiveMembersTheSandboxDidNotScan() {
        start(Map.of());
        sandbox.whenFlow(FLOW, List.of(FakeSandbox.archiveWithRejected(Verdict.NO_THREAT,
                List.of(new RejectedFile("secret.zip", "ARCHIVE_ENCRYPTED")),
                report("readme.txt", OverallState.SUCCESS, Verdict.NO_THREAT, 0.1))));
        submit(1);

        run(Duration.ofSeconds(3));

        ScanResult outcome = outcomes.readValue();
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.DONE);
        assertThat(outcome.getReason()).contains("not scanned").contains("secret.zip (ARCHIVE_ENCRYPTED)");
        assertThat(outcome.getMembers()).extracting(m -> m.getName() + "=" + m.getVerdict() + "/" + m.getRejectedReason())
                .containsExactly("readme.txt=NO_THREAT/null", "secret.zip=UNKNOWN/ARCHIVE_ENCRYPTED");
    }

    @Test
    void shouldEndRejectedArchivesWithTheSandboxReason() {
        start(Map.of());
        sandbox.whenFlow(FLOW, List.of(rejected("INVALID_PASSWORD")));
        submit(1);

        run(Duration.ofSeconds(3));

        ScanResult outcome = outcomes.readValue();
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.getReason()).contains("INVALID_PASSWORD");
        assertThat(resubmissions.isEmpty()).isTrue();
    }

    @Test
    void shouldWaitAtLeastRetryAfterWhenRateLimited() {
        start(Map.of());
        sandbox.whenFlow(FLOW, List.of(
                CompletableFuture.failedFuture(new SandboxRateLimitedException("GET /api/scan/{flow_id}/report", Optional.of(Duration.ofSeconds(9)), "slow down")),
                finished(FLOW, Verdict.BENIGN, -1)));
        submit(1);

        run(Duration.ofSeconds(15));

        List<FakeSandbox.Poll> polls = sandbox.polls(FLOW);
        assertThat(polls).hasSize(2);
        assertThat(polls.get(1).atMs() - polls.get(0).atMs()).isGreaterThanOrEqualTo(9000);
        assertThat(outcomes.readValue().getVerdict()).isEqualTo(io.sandboxpipeline.schemas.Verdict.BENIGN);
    }

    @Test
    void shouldIgnoreARedeliveredCopyOfAScheduledFlow() {
        start(Map.of());
        sandbox.whenFlow(FLOW, List.of(finished(FLOW, Verdict.NO_THREAT, 0.1)));
        submit(1);
        submit(1);

        run(Duration.ofSeconds(3));

        assertThat(sandbox.polls(FLOW)).hasSize(1);
        assertThat(outcomes.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldRejectPollIntervalsBelowTheServiceMinimum() {
        Assertions.assertThatThrownBy(() -> start(Map.of("poller.min.poll.interval", "1s")))
                .hasMessageContaining("at least 2s");
    }

}
