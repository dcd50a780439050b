package io.sandboxpipeline.submitter.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the bucket-notification counts as {@code sandbox_pipeline_s3_notifications_total{result=...}}: arrivals,
 * test events and other event types ignored, repeated notifications dropped, malformed ones dead-lettered.
 */
public final class IngestMetrics {

    public static final String NOTIFICATIONS = "sandbox.pipeline.s3.notifications";

    private IngestMetrics() {
    }

    public static void bind(IngestCounts counts, MeterRegistry registry, String stage) {
        counter(registry, stage, counts, "arrival", IngestCounts::arrivals);
        counter(registry, stage, counts, "ignored_test_event", IngestCounts::ignoredTestEvents);
        counter(registry, stage, counts, "ignored_event_type", c -> c.ignoredEventTypes().values().stream().mapToLong(Long::longValue).sum());
        counter(registry, stage, counts, "duplicate", IngestCounts::duplicates);
        counter(registry, stage, counts, "dead_lettered", IngestCounts::deadLettered);
    }

    private static void counter(MeterRegistry registry, String stage, IngestCounts counts, String result, ToDoubleFunction<IngestCounts> value) {
        FunctionCounter.builder(NOTIFICATIONS, counts, value)
                .description("bucket notification records read, by what became of them")
                .tag("stage", stage)
                .tag("result", result)
                .register(registry);
    }
}
