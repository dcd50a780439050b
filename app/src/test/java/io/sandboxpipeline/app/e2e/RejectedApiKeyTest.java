package io.sandboxpipeline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.runtime.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rejected API key (401) stops the stage with a message that says what to do, instead of failing or dead-lettering
 * every event; with the key fixed, the stage resumes the waiting work from its stores and every event completes.
 */
class RejectedApiKeyTest {

    private static final String RIGHT_KEY = "right-key-5a1e";
    private static final String WRONG_KEY = "wrong-key-9c3d";

    @TempDir
    Path dir;

    @Test
    void shouldStopOnARejectedKeyAndResumeEverythingOnceItIsFixed() throws Exception {
        Map<String, Path> events = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            events.put("key-" + i, Files.writeString(dir.resolve("k" + i + ".txt"), "key test " + i, StandardCharsets.UTF_8));
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey(RIGHT_KEY)
                     .scanDuration(Duration.ofMillis(500)).pollPause(2).build());
             PipelineHarness pipeline = new PipelineHarness(kafka.bootstrapServers(), emulator.baseUrl().toString(), WRONG_KEY, dir.resolve("state"))) {
            pipeline.start(Stage.values());
            pipeline.publish(events);

            awaitUntil(() -> pipeline.runner(Stage.SUBMITTER).fatalError().isPresent(), Duration.ofSeconds(30));
            String message = pipeline.runner(Stage.SUBMITTER).fatalError().orElseThrow().getMessage();
            assertThat(message).contains("rejected the API key").contains("SANDBOX_API_KEY").doesNotContain(WRONG_KEY);
            awaitUntil(() -> pipeline.runner(Stage.SUBMITTER).state() == KafkaStreams.State.ERROR
                    || pipeline.runner(Stage.SUBMITTER).state() == KafkaStreams.State.NOT_RUNNING, Duration.ofSeconds(30));
            assertThat(pipeline.awaitTerminals(events.keySet(), Duration.ofSeconds(2)).ids()).as("nothing failed or dead-lettered").isEmpty();

            pipeline.stop(Stage.SUBMITTER);
            pipeline.stop(Stage.POLLER);
            pipeline.stop(Stage.ENRICHER);
            Map<String, String> fixed = Map.of("sandbox.api.key", RIGHT_KEY);
            pipeline.start(Stage.SUBMITTER, fixed);
            pipeline.start(Stage.POLLER, fixed);
            pipeline.start(Stage.ENRICHER, fixed);

            PipelineHarness.Terminals terminals = pipeline.awaitTerminals(events.keySet(), Duration.ofSeconds(60));
            for (String eventId : events.keySet()) {
                assertThat(terminals.count(eventId)).isEqualTo(1);
                assertThat(terminals.verdict(eventId).getStatus()).hasToString("DONE");
            }
        }
    }

    private static void awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
