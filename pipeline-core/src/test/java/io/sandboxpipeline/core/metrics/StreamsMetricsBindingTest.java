package io.sandboxpipeline.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage's Kafka Streams metrics as Prometheus will see them, from a client running on a loopback-only broker. */
class StreamsMetricsBindingTest {

    private static final String INPUT = "metrics-test.file-arrivals";
    private static final String OUTPUT = "metrics-test.scan-requests";

    private static EmbeddedKafka kafka;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(1, INPUT, OUTPUT);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private KafkaStreams streams() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(INPUT).to(OUTPUT);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sandbox-pipeline-metrics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        return new KafkaStreams(builder.build(), props);
    }

    private static void produceOne() {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(INPUT, "event-1".getBytes(), "{}".getBytes()));
        }
    }

    private static boolean within(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    @Test
    void shouldPublishLiveProcessCountsCommitLatencyAndLagUnderTheStageTagAndRemoveThemWhenClosed() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (KafkaStreams streams = streams()) {
            StreamsMetricsBinding binding = StreamsMetricsBinding.bind(streams, registry, "poller");
            streams.start();
            produceOne();

            FunctionCounter processed = registry.get("kafka.stream.thread.process.total").tag("stage", "poller").functionCounter();
            assertThat(within(Duration.ofSeconds(30), () -> processed.count() >= 1)).as("the record shows up as processed").isTrue();
            assertThat(registry.find("kafka.stream.thread.commit.latency.avg").tag("stage", "poller").gauges()).isNotEmpty();
            assertThat(registry.find("kafka.consumer.fetch.manager.records.lag.max").tag("stage", "poller").gauges()).isNotEmpty();
            assertThat(registry.getMeters()).extracting(Meter::getId).allSatisfy(id -> assertThat(id.getName()).startsWith("kafka."));

            binding.close();

            assertThat(registry.find("kafka.stream.thread.commit.latency.avg").meters()).isEmpty();
            streams.close(Duration.ofSeconds(10));
        }
    }
}
