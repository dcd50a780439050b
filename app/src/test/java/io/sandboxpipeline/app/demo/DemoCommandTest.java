package io.sandboxpipeline.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The newcomer's first command, run in-process on the embedded default. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldScanTheBundledSamplesAndEndEveryEventAsExpected() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        Path json = dir.resolve("results.jsonl");

        int exit = new CommandLine(new DemoCommand(out, Map.of())).execute("--json", json.toString(), "--scan-duration", "1s");

        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("Every event has exactly one terminal record").contains("127.0.0.1");
        List<JsonNode> rows = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : Files.readAllLines(json)) {
            rows.add(mapper.readTree(line));
        }
        assertThat(rows).hasSize(11);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.has("eventId")).isTrue();
            assertThat(row.get("asExpected").asBoolean()).as(row.toString()).isTrue();
        });
        JsonNode eicar = rows.stream().filter(r -> r.path("file").asText().equals("eicar.com")).findFirst().orElseThrow();
        assertThat(eicar.get("verdict").asText()).isEqualTo("MALICIOUS");
        assertThat(eicar.get("decidedBy").asText()).isEqualTo("REPUTATION");
        assertThat(eicar.get("sha256").asText()).isEqualTo("275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f");
        for (String field : List.of("uri", "threatLevel", "status", "reason", "flowId")) {
            assertThat(eicar.has(field)).as(field).isTrue();
        }
    }

    @Test
    void shouldUseAnExistingKafkaAndSandboxNamedByTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("contract.txt"), "a signed contract", StandardCharsets.UTF_8);
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             SandboxEmulator sandbox = SandboxEmulator.start(EmulatorConfig.builder().apiKey("external-key-1234")
                     .scanDuration(Duration.ofMillis(500)).pollPause(2).build())) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "SANDBOX_URL", sandbox.baseUrl().toString(),
                    "SANDBOX_API_KEY", "external-key-1234");

            int exit = new CommandLine(new DemoCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8), env)).execute(file.toString());

            String printed = buffer.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(printed).isZero();
            assertThat(printed).contains(kafka.bootstrapServers() + " (KAFKA_BOOTSTRAP_SERVERS)")
                    .contains(sandbox.baseUrl() + " (SANDBOX_URL)")
                    .contains("contract.txt").contains("NO_THREAT")
                    .doesNotContain("external-key-1234");
            assertThat(sandbox.stats().submissions()).isEqualTo(1);
        }
    }
}
