package io.sandboxpipeline.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Publishes a stage's Kafka Streams metrics (commit latency, process rate, consumer lag, producer and admin client
 * metrics) through Micrometer's {@link KafkaStreamsMetrics}: each Kafka metric becomes a meter named
 * {@code kafka.<group>.<name>}, e.g. {@code kafka_stream_thread_commit_latency_avg} and
 * {@code kafka_consumer_fetch_manager_records_lag_max} in Prometheus. Metrics Kafka adds later (new threads, tasks
 * after a rebalance) are picked up by the binder's periodic refresh.
 */
public final class StreamsMetricsBinding implements Registration {

    private final KafkaStreamsMetrics metrics;

    private StreamsMetricsBinding(KafkaStreamsMetrics metrics) {
        this.metrics = metrics;
    }

    /** Binds without a {@code stage} tag (Kafka's own {@code client.id} tag still tells stages apart). */
    public static StreamsMetricsBinding bind(KafkaStreams streams, MeterRegistry registry) {
        return bind(streams, registry, Tags.empty());
    }

    /** Binds with the {@code stage} tag, like every other pipeline meter; call once per stage, e.g. after it starts. */
    public static StreamsMetricsBinding bind(KafkaStreams streams, MeterRegistry registry, String stage) {
        return bind(streams, registry, MetricTags.stage(stage));
    }

    private static StreamsMetricsBinding bind(KafkaStreams streams, MeterRegistry registry, Tags tags) {
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(registry, "registry");
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams, tags);
        metrics.bindTo(registry);
        return new StreamsMetricsBinding(metrics);
    }

    /** Stops the refresh and removes the meters this binding registered; call when the stage stops. */
    @Override
    public void close() {
        metrics.close();
    }
}
