package io.sandboxpipeline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.app.demo.DemoSamples;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.runtime.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same end-to-end path on Apache Kafka in a container. Runs where a Docker engine is available (e.g. a developer
 * laptop or a CI with Docker); without one, JUnit reports it as skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class PipelineOnKafkaContainerTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:3.9.1");

    @TempDir
    Path dir;

    @Test
    void shouldGiveEveryEventExactlyOneVerdictOnAContainerisedBroker() throws IOException {
        List<DemoSamples.Sample> samples = DemoSamples.writeTo(dir.resolve("samples"));
        Map<String, Path> events = new LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            events.put("tc-" + i, samples.get(i).path());
        }
        try (SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey("tc-key")
                     .scanDuration(Duration.ofSeconds(1)).pollPause(2).maxUploadSizeBytes(DemoSamples.DEMO_MAX_UPLOAD_BYTES)
                     .failAttempts(1).build());
             PipelineHarness pipeline = new PipelineHarness(KAFKA.getBootstrapServers(), emulator.baseUrl().toString(), "tc-key", dir.resolve("state"))) {
            pipeline.start(Stage.values());
            pipeline.publish(events);

            PipelineHarness.Terminals terminals = pipeline.awaitTerminals(events.keySet(), Duration.ofSeconds(120));

            for (int i = 0; i < samples.size(); i++) {
                String eventId = "tc-" + i;
                assertThat(terminals.count(eventId)).isEqualTo(1);
                var v = terminals.verdict(eventId);
                assertThat(v.getStatus() + " " + v.getVerdict() + " by " + v.getDecidedBy()).isEqualTo(samples.get(i).expected());
            }
        }
    }
}
