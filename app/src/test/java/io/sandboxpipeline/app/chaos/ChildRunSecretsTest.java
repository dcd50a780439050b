package io.sandboxpipeline.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.core.streams.TopicProvisioner;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.Faults;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.serde.SchemaRegistries;
import io.sandboxpipeline.serde.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run all} as users run it (the launcher's own logging configuration, in a child JVM), with everything at DEBUG,
 * third-party libraries and Kafka's clients included, and a Sandbox that fails now and then: the API key is in no line
 * of the process's log.
 */
class ChildRunSecretsTest {

    private static final String KEY = "sk-CHILDLEAK-51c0ffee";

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheApiKeyOutOfTheLogOfARunAtDebug() throws Exception {
        List<ChaosEvent> events = ChaosWorkload.write(dir.resolve("files"), "secret", 20, 15, new Random(5));
        List<String> ids = events.stream().map(ChaosEvent::eventId).toList();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String scope = "secrets-" + runId;
        Faults faults = Faults.builder().serverErrorRate(0.1).malformedJsonRate(0.05).failedFlowRate(0.1).build();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistries.mockScope(scope));
             SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey(KEY)
                     .scanDuration(Duration.ofSeconds(1)).pollPause(2).faults(faults).randomSeed(7).build())) {
            ChaosConfig config = new ChaosConfig(runId, kafka.bootstrapServers(), registry.url().toString(),
                    emulator.baseUrl(), KEY, dir.resolve("state"));
            PipelineTopics topics = new PipelineTopics(config.topics(), Map.of("schema.registry.url", "mock://" + scope));
            TopicProvisioner.createMissing(kafka.admin(), config.topics(), 2, (short) 1);
            Map<String, String> environment = new HashMap<>(config.environment());
            environment.put("LOG_LEVEL", "DEBUG");
            environment.put("KAFKA_LOG_LEVEL", "DEBUG");
            PipelineProcess pipeline = new PipelineProcess(environment, dir, List.of("-Dlogback.configurationFile=logback.xml"));
            try (pipeline;
                 ArrivalPublisher publisher = new ArrivalPublisher(kafka.bootstrapServers(), topics, Clock.systemUTC());
                 TerminalTally tally = new TerminalTally(kafka.bootstrapServers(), topics)) {
                pipeline.start();
                events.forEach(publisher::publish);
                publisher.flush();
                // generous: at DEBUG on a slow CI machine, a flow whose polls failed twice waits on the 60 s delayed topic
                Await.until("every verdict", Duration.ofSeconds(300), () -> {
                    pipeline.requireAlive();
                    tally.poll(Duration.ofMillis(200));
                    return tally.answered(ids) == ids.size();
                }, () -> tally.answered(ids) + " of " + ids.size() + ", missing " + tally.missing(ids) + "; the run's last warnings:"
                        + System.lineSeparator() + pipeline.warnings(40));
            }

            String log = Files.readString(pipeline.log(), StandardCharsets.UTF_8);
            assertThat(log).as("the run logged at DEBUG, Kafka's clients too").contains(" DEBUG ").contains("o.a.k.");
            assertThat(log).as("the Sandbox failed now and then").containsAnyOf("500", "malformed", "failed");
            assertThat(log).doesNotContain(KEY).doesNotContain(KEY.substring(3));
        }
    }
}
