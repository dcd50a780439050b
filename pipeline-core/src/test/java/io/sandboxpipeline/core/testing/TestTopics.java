package io.sandboxpipeline.core.testing;

import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/** Topic descriptors and driver settings for topology tests: a fresh in-memory schema registry scope per call. */
public final class TestTopics {

    public static final Instant START = Instant.parse("2026-01-05T10:00:00Z");

    private TestTopics() {
    }

    public static PipelineTopics create() {
        return new PipelineTopics(new TopicNames("test.", List.of(Duration.ofSeconds(10), Duration.ofMinutes(1))),
                Map.of("schema.registry.url", "mock://test-" + UUID.randomUUID()));
    }

    public static Properties driverProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(Path.of("target", "streams-state", UUID.randomUUID().toString())).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    /** Advances wall-clock time in punctuation-sized steps: one big advance would fire a punctuator only once. */
    public static void advance(TopologyTestDriver driver, Duration total, Duration step) {
        for (long done = 0; done < total.toMillis(); done += step.toMillis()) {
            driver.advanceWallClockTime(step);
        }
    }

    public static FileArrival.Builder arrival(String eventId, String uri) {
        return FileArrival.newBuilder()
                .setEventId(eventId)
                .setUri(uri)
                .setSha256(null)
                .setSize(null)
                .setName(null)
                .setContentType(null)
                .setSourceSystem("test")
                .setLane(Lane.LIVE)
                .setArrivalTime(START)
                .setAttributes(Map.of());
    }
}
