package io.sandboxpipeline.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.sandboxpipeline.client.FileUpload;
import io.sandboxpipeline.client.FlowReport;
import io.sandboxpipeline.client.HashReputation;
import io.sandboxpipeline.client.ReportQuery;
import io.sandboxpipeline.client.ReportSearchHit;
import io.sandboxpipeline.client.ScanOptions;
import io.sandboxpipeline.client.ScanSubmission;
import io.sandboxpipeline.client.SystemConfig;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A {@link SandboxApi} that counts every call by endpoint and status, times it, and counts 429s on their own. Results
 * and errors pass through unchanged (same value, same exception); cancelling the returned future cancels the call.
 *
 * <p>Endpoints: {@code reputation}, {@code reputation_bulk}, {@code upload}, {@code report}, {@code system_config}. Latency is measured with the
 * registry's clock, from the call to the completion of its future, so an upload's time includes streaming the file.
 * Only the endpoint and the status become tags: no argument (hash, flow id, file name) and never the API key.
 */
public final class MeteredSandboxApi implements SandboxApi {

    public static final String CALLS = "sandbox.pipeline.sandbox.calls";
    public static final String CALL_DURATION = "sandbox.pipeline.sandbox.call.duration";
    public static final String RATE_LIMITED = "sandbox.pipeline.sandbox.rate.limited";

    static final String REPUTATION = "reputation";
    static final String REPUTATION_BULK = "reputation_bulk";
    static final String UPLOAD = "upload";
    static final String URL = "url";
    static final String SEARCH = "search";
    static final String REPORT = "report";
    static final String SYSTEM_CONFIG = "system_config";

    private final SandboxApi delegate;
    private final MeterRegistry registry;
    private final Meter.MeterProvider<Counter> calls;
    private final Meter.MeterProvider<Timer> durations;
    private final Meter.MeterProvider<Counter> rateLimited;

    /**
     * @param delegate the real API, e.g. {@code SandboxApi.of(client)}
     * @param registry where the meters go; its clock times the calls
     * @param stage    the {@code stage} tag
     */
    public MeteredSandboxApi(SandboxApi delegate, MeterRegistry registry, String stage) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = Objects.requireNonNull(registry, "registry");
        Tags tags = MetricTags.stage(stage);
        this.calls = Counter.builder(CALLS).description("Sandbox API calls, by endpoint and status (HTTP status or error kind)")
                .tags(tags).withRegistry(registry);
        // uploads of large files take minutes, look-ups milliseconds: one histogram range covers both
        this.durations = Timer.builder(CALL_DURATION).description("Sandbox API call latency, by endpoint and outcome")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofMinutes(10))
                .tags(tags).withRegistry(registry);
        this.rateLimited = Counter.builder(RATE_LIMITED).description("Sandbox API calls answered 429 (quota exceeded), by endpoint")
                .tags(tags).withRegistry(registry);
    }

    @Override
    public CompletableFuture<HashReputation> hashReputation(String sha256) {
        return metered(REPUTATION, () -> delegate.hashReputation(sha256));
    }

    @Override
    public CompletableFuture<List<HashReputation>> hashReputations(List<String> sha256s) {
        return metered(REPUTATION_BULK, () -> delegate.hashReputations(sha256s));
    }

    @Override
    public CompletableFuture<ScanSubmission> submitFile(FileUpload file, ScanOptions options) {
        return metered(UPLOAD, () -> delegate.submitFile(file, options));
    }

    @Override
    public CompletableFuture<ScanSubmission> submitUrl(String url, ScanOptions options) {
        return metered(URL, () -> delegate.submitUrl(url, options));
    }

    @Override
    public CompletableFuture<List<ReportSearchHit>> searchReports(String query) {
        return metered(SEARCH, () -> delegate.searchReports(query));
    }

    @Override
    public CompletableFuture<FlowReport> report(String flowId, ReportQuery query) {
        return metered(REPORT, () -> delegate.report(flowId, query));
    }

    @Override
    public CompletableFuture<SystemConfig> systemConfig() {
        return metered(SYSTEM_CONFIG, delegate::systemConfig);
    }

    private <T> CompletableFuture<T> metered(String endpoint, Supplier<CompletableFuture<T>> call) {
        Timer.Sample sample = Timer.start(registry);
        CompletableFuture<T> future;
        try {
            future = call.get();
        } catch (RuntimeException e) {
            record(endpoint, sample, e);
            throw e;
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        future.whenComplete((value, error) -> {
            record(endpoint, sample, error);
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(error);
            }
        });
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                future.cancel(true);
            }
        });
        return result;
    }

    private void record(String endpoint, Timer.Sample sample, Throwable error) {
        sample.stop(durations.withTags(MetricTags.ENDPOINT, endpoint, "outcome", error == null ? "success" : "error"));
        calls.withTags(MetricTags.ENDPOINT, endpoint, "status", CallStatus.of(error)).increment();
        if (CallStatus.isRateLimited(error)) {
            rateLimited.withTags(MetricTags.ENDPOINT, endpoint).increment();
        }
    }
}
