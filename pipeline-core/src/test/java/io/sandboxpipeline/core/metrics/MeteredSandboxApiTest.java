package io.sandboxpipeline.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sandboxpipeline.client.ErrorKind;
import io.sandboxpipeline.client.FileUpload;
import io.sandboxpipeline.client.FlowReport;
import io.sandboxpipeline.client.HashReputation;
import io.sandboxpipeline.client.ReportQuery;
import io.sandboxpipeline.client.ReportSearchHit;
import io.sandboxpipeline.client.SandboxHttpException;
import io.sandboxpipeline.client.SandboxMalformedResponseException;
import io.sandboxpipeline.client.SandboxRateLimitedException;
import io.sandboxpipeline.client.SandboxTransportException;
import io.sandboxpipeline.client.ScanOptions;
import io.sandboxpipeline.client.ScanSubmission;
import io.sandboxpipeline.client.SystemConfig;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MeteredSandboxApiTest {

    private static final String SHA256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";
    private static final String FLOW_ID = "65a1e1ca0000000000000001";

    /** Answers each endpoint with a future the test completes, or throws before returning one. */
    private static final class ScriptedSandbox implements SandboxApi {
        final CompletableFuture<HashReputation> reputation = new CompletableFuture<>();
        final CompletableFuture<ScanSubmission> upload = new CompletableFuture<>();
        final CompletableFuture<FlowReport> report = new CompletableFuture<>();
        final CompletableFuture<SystemConfig> systemConfig = new CompletableFuture<>();
        RuntimeException thrownOnCall;

        @Override
        public CompletableFuture<HashReputation> hashReputation(String sha256) {
            return answer(reputation);
        }

        @Override
        public CompletableFuture<List<HashReputation>> hashReputations(List<String> sha256s) {
            return answer(reputation).thenApply(List::of);
        }

        @Override
        public CompletableFuture<ScanSubmission> submitFile(FileUpload file, ScanOptions options) {
            return answer(upload);
        }

        @Override
        public CompletableFuture<ScanSubmission> submitUrl(String url, ScanOptions options) {
            return answer(upload);
        }

        @Override
        public CompletableFuture<List<ReportSearchHit>> searchReports(String query) {
            return answer(new CompletableFuture<>());
        }

        @Override
        public CompletableFuture<FlowReport> report(String flowId, ReportQuery query) {
            return answer(report);
        }

        @Override
        public CompletableFuture<SystemConfig> systemConfig() {
            return answer(systemConfig);
        }

        private <T> CompletableFuture<T> answer(CompletableFuture<T> future) {
            if (thrownOnCall != null) {
                throw thrownOnCall;
            }
            return future;
        }
    }

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final ScriptedSandbox sandbox = new ScriptedSandbox();
    private final MeteredSandboxApi api = new MeteredSandboxApi(sandbox, registry, "submitter");

    private double calls(String endpoint, String status) {
        return registry.find(MeteredSandboxApi.CALLS).tags("stage", "submitter", "endpoint", endpoint, "status", status)
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private Timer latency(String endpoint, String outcome) {
        return registry.get(MeteredSandboxApi.CALL_DURATION).tags("stage", "submitter", "endpoint", endpoint, "outcome", outcome).timer();
    }

    private static FileUpload upload() {
        return new FileUpload("sample.txt", 5, () -> new ByteArrayInputStream("hello".getBytes()));
    }

    @Test
    void shouldPassTheResultThroughAndCountItAs200WithItsLatency() {
        CompletableFuture<ScanSubmission> submitted = api.submitFile(upload(), ScanOptions.defaults());
        clock.add(Duration.ofMillis(1_500));
        ScanSubmission submission = new ScanSubmission(FLOW_ID, OptionalInt.of(100), OptionalInt.of(100));

        sandbox.upload.complete(submission);

        assertThat(submitted.join()).isSameAs(submission);
        assertThat(calls("upload", "200")).isEqualTo(1);
        assertThat(latency("upload", "success").count()).isEqualTo(1);
        assertThat(latency("upload", "success").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1_500);
    }

    @Test
    void shouldCountA429ByStatusAndOnItsOwnAndFailWithTheSameException() {
        CompletableFuture<FlowReport> polled = api.report(FLOW_ID, ReportQuery.POLL);
        SandboxRateLimitedException rateLimited = new SandboxRateLimitedException("GET /api/scan/{flow_id}/report",
                Optional.of(Duration.ofSeconds(7)), "too many requests");

        sandbox.report.completeExceptionally(rateLimited);

        assertThatThrownBy(polled::join).isInstanceOf(CompletionException.class).hasCause(rateLimited);
        assertThat(calls("report", "429")).isEqualTo(1);
        assertThat(registry.get(MeteredSandboxApi.RATE_LIMITED).tags("endpoint", "report").counter().count()).isEqualTo(1);
        assertThat(latency("report", "error").count()).isEqualTo(1);
    }

    @Test
    void shouldLabelFailuresWithoutAUsableHttpStatusByTheirKind() {
        api.hashReputation(SHA256);
        sandbox.reputation.completeExceptionally(
                new SandboxTransportException(ErrorKind.TIMEOUT, "GET /api/reputation/hash", "read timed out", null));
        api.systemConfig();
        sandbox.systemConfig.completeExceptionally(
                new SandboxMalformedResponseException(200, "GET /api/system/config", "not JSON", null));

        assertThat(calls("reputation", "TIMEOUT")).isEqualTo(1);
        assertThat(calls("system_config", "MALFORMED_RESPONSE")).as("a 2xx with a garbled body is not a 200").isEqualTo(1);
        assertThat(calls("system_config", "200")).isZero();
    }

    @Test
    void shouldUnwrapACompletionExceptionToFindTheHttpStatus() {
        api.report(FLOW_ID, ReportQuery.ENRICH);

        sandbox.report.completeExceptionally(new CompletionException(
                new SandboxHttpException(ErrorKind.SERVER_ERROR, 503, "GET /api/scan/{flow_id}/report", "maintenance")));

        assertThat(calls("report", "503")).isEqualTo(1);
    }

    @Test
    void shouldCountACallThatFailsBeforeReturningAFuture() {
        sandbox.thrownOnCall = new IllegalArgumentException("sha256 must be 64 hex digits");

        assertThatThrownBy(() -> api.hashReputation("nonsense")).isSameAs(sandbox.thrownOnCall);

        assertThat(calls("reputation", "EXCEPTION")).isEqualTo(1);
    }

    @Test
    void shouldCancelTheCallWhenTheCallerCancels() {
        CompletableFuture<SystemConfig> config = api.systemConfig();

        config.cancel(true);

        assertThat(sandbox.systemConfig).isCancelled();
        assertThat(calls("system_config", "CANCELLED")).isEqualTo(1);
    }

    @Test
    void shouldNeverTurnACallsArgumentsIntoTags() {
        api.hashReputation(SHA256);
        api.report(FLOW_ID, ReportQuery.POLL);
        sandbox.reputation.complete(null);
        sandbox.report.completeExceptionally(new SandboxHttpException(ErrorKind.NOT_FOUND, 404, "GET /api/scan/{flow_id}/report", FLOW_ID));
        sandbox.systemConfig.complete(new SystemConfig(OptionalLong.empty()));

        assertThat(registry.getMeters()).flatExtracting(meter -> meter.getId().getTags()).extracting(Tag::getValue)
                .doesNotContain(SHA256, FLOW_ID)
                .allSatisfy(value -> assertThat(value.length()).isLessThan(20));
        assertThat(registry.getMeters()).extracting(Meter::getId).extracting(id -> id.getTag("stage")).containsOnly("submitter");
    }
}
