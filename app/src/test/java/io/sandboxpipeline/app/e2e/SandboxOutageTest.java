package io.sandboxpipeline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.runtime.Stage;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Sandbox goes away in the middle of a run (connections refused) and comes back: nothing fails because of it.
 * The outage lasts {@code -Dsandbox.outage.seconds} (default 10; the README's long run uses 60).
 */
class SandboxOutageTest {

    private static final String KEY = "outage-key";

    @TempDir
    Path dir;

    @Test
    void shouldCompleteEveryEventAcrossASandboxOutage() throws Exception {
        Duration outage = Duration.ofSeconds(Long.getLong("sandbox.outage.seconds", 10));
        EmulatorConfig config = EmulatorConfig.builder().apiKey(KEY).scanDuration(Duration.ofSeconds(2)).pollPause(2).build();
        Map<String, Path> events = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            events.put("outage-" + i, Files.writeString(dir.resolve("f" + i + ".txt"), "outage document " + i, StandardCharsets.UTF_8));
        }
        SandboxEmulator emulator = SandboxEmulator.start(config);
        int port = emulator.port();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             PipelineHarness pipeline = new PipelineHarness(kafka.bootstrapServers(), emulator.baseUrl().toString(), KEY, dir.resolve("state"))) {
            pipeline.start(Stage.values());
            pipeline.publish(events);
            SandboxEmulator before = emulator;
            awaitUntil(() -> before.stats().submissions() >= 10, Duration.ofSeconds(30));

            before.close();
            Thread.sleep(outage.toMillis());
            emulator = SandboxEmulator.start(config.toBuilder().port(port).build());

            PipelineHarness.Terminals terminals = pipeline.awaitTerminals(events.keySet(), Duration.ofSeconds(120));

            for (String eventId : events.keySet()) {
                assertThat(terminals.count(eventId)).as("terminal records of %s", eventId).isEqualTo(1);
                EnrichedVerdict verdict = terminals.verdict(eventId);
                assertThat(verdict.getStatus()).as("%s: %s", eventId, verdict.getReason()).hasToString("DONE");
                assertThat(verdict.getVerdict()).hasToString("NO_THREAT");
            }
        } finally {
            emulator.close();
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
