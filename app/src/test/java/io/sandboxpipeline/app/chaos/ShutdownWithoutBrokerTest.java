package io.sandboxpipeline.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.core.streams.TopicProvisioner;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.serde.SchemaRegistries;
import io.sandboxpipeline.serde.SchemaRegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator stops {@code run all} (SIGTERM, as Kubernetes and systemd do) after the broker went away with work in
 * every stage: the process must end promptly, not after each stage's own close timeout in turn.
 */
class ShutdownWithoutBrokerTest {

    private static final String KEY = "shutdown-key";

    @TempDir
    Path dir;

    @Test
    void shouldStopWithinTenSecondsOfSigtermWhenTheBrokerIsGone() throws Exception {
        List<ChaosEvent> events = ChaosWorkload.write(dir.resolve("files"), "shutdown", 60, 60, new Random(3));
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String scope = "shutdown-" + runId;
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistries.mockScope(scope));
             SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey(KEY)
                     .scanDuration(Duration.ofSeconds(30)).pollPause(2).build())) {
            ChaosConfig config = new ChaosConfig(runId, kafka.bootstrapServers(), registry.url().toString(),
                    emulator.baseUrl(), KEY, dir.resolve("state"));
            PipelineTopics topics = new PipelineTopics(config.topics(), Map.of("schema.registry.url", "mock://" + scope));
            TopicProvisioner.createMissing(kafka.admin(), config.topics(), 2, (short) 1);
            try (PipelineProcess pipeline = new PipelineProcess(config.environment(), dir);
                 ArrivalPublisher publisher = new ArrivalPublisher(kafka.bootstrapServers(), topics, Clock.systemUTC())) {
                pipeline.start();
                Await.until("three running stages", Duration.ofSeconds(90), () -> {
                    pipeline.requireAlive();
                    return runningStages(pipeline.log()) >= 3;
                }, () -> pipeline.tail(5));
                events.forEach(publisher::publish);
                publisher.flush();
                // scans take 30 s: flows are waiting in the poller, uploads in the submitter
                Await.until("uploads under way", Duration.ofSeconds(60), () -> emulator.stats().submissions() >= 20,
                        () -> emulator.stats().submissions() + " uploads");

                kafka.close();
                Thread.sleep(5000);
                Duration stop = pipeline.terminate(Duration.ofSeconds(150));

                System.out.printf("run all stopped %d ms after SIGTERM, the broker gone%n", stop.toMillis());
                assertThat(stop).as("time from SIGTERM to exit").isLessThan(Duration.ofSeconds(10));
            }
        } finally {
            kafka.close();
        }
    }

    private static long runningStages(Path log) {
        try {
            return Files.readAllLines(log).stream().filter(line -> line.contains("REBALANCING -> RUNNING")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
