package io.sandboxpipeline.submitter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {

    @Test
    void shouldCountWhatBecameOfEveryNotificationRecord() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngestCounts counts = new IngestCounts();
        IngestMetrics.bind(counts, registry, "submitter");

        counts.recordArrival();
        counts.recordArrival();
        counts.recordTestEvent();
        counts.recordIgnoredEventType("ObjectRemoved:Delete");
        counts.recordDuplicate();

        assertThat(count(registry, "arrival")).isEqualTo(2);
        assertThat(count(registry, "ignored_test_event")).isEqualTo(1);
        assertThat(count(registry, "ignored_event_type")).isEqualTo(1);
        assertThat(count(registry, "duplicate")).isEqualTo(1);
        assertThat(count(registry, "dead_lettered")).isZero();
    }

    private static double count(SimpleMeterRegistry registry, String result) {
        return registry.get(IngestMetrics.NOTIFICATIONS).tag("result", result).functionCounter().count();
    }
}
