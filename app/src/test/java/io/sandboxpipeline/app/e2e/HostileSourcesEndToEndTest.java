package io.sandboxpipeline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.runtime.Stage;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer who can write to the input topic names files and addresses the pipeline must not send to the Sandbox.
 * Over the whole pipeline on a real broker: each such event ends in exactly one refused terminal record with its
 * reason, and nothing reaches the Sandbox.
 */
class HostileSourcesEndToEndTest {

    private static final String KEY = "hostile-key";

    @RegisterExtension
    static final BrokerAndSandbox INFRA = BrokerAndSandbox.withKey(KEY, config -> config.scanDuration(Duration.ofMillis(500)).pollPause(2));

    @TempDir
    Path dir;

    @Test
    void shouldReadNoLocalFileWithDefaultSettings() throws Exception {
        Path ordinary = Files.writeString(dir.resolve("memo.txt"), "an ordinary memo", StandardCharsets.UTF_8);
        Map<String, String> events = new LinkedHashMap<>();
        events.put("ordinary", ordinary.toUri().toString());
        events.put("shadow", "file:///etc/shadow");
        events.put("passwd-escape", "file:///tmp/../etc/passwd");
        events.put("proc", "file:///proc/self/environ");

        Map<String, EnrichedVerdict> verdicts = run(Map.of("submitter.allowed.roots", ""), events);

        verdicts.forEach((eventId, verdict) -> assertThat(verdict.getReason()).as(eventId)
                .contains("file:// sources are refused").contains("submitter.allowed.roots"));
    }

    @Test
    void shouldRefuseEscapesFromTheRootsAndInternalAddresses() throws Exception {
        Path root = Files.createDirectories(dir.resolve("incoming"));
        Path outside = Files.writeString(dir.resolve("payroll.csv"), "name,salary", StandardCharsets.UTF_8);
        Map<String, String> events = new LinkedHashMap<>();
        events.put("dot-dot", root.toUri() + "../payroll.csv");
        events.put("symlink", Files.createSymbolicLink(root.resolve("looks-fine.csv"), outside).toUri().toString());
        events.put("symlink-etc", Files.createSymbolicLink(root.resolve("hosts"), Path.of("/etc/passwd")).toUri().toString());
        events.put("hard-link", Files.createLink(root.resolve("also-fine.csv"), outside).toUri().toString());
        events.put("metadata", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        events.put("metadata-mapped", "http://[::ffff:169.254.169.254]/latest/meta-data/");
        events.put("loopback", INFRA.emulator().baseUrl().resolve("/api/users/me").toString());

        Map<String, EnrichedVerdict> verdicts = run(Map.of("submitter.allowed.roots", root.toString()), events);

        for (String escape : new String[] {"dot-dot", "symlink", "symlink-etc"}) {
            assertThat(verdicts.get(escape).getReason()).as(escape).contains("outside the allowed source directories");
        }
        assertThat(verdicts.get("hard-link").getReason()).contains("hard links");
    }

    /** Runs the events through the pipeline: one refused terminal record each, and no upload at all. */
    private Map<String, EnrichedVerdict> run(Map<String, String> settings, Map<String, String> events) {
        long submissionsBefore = INFRA.emulator().stats().submissions();
        Map<String, EnrichedVerdict> verdicts = new LinkedHashMap<>();
        try (PipelineHarness pipeline = new PipelineHarness(INFRA.kafka().bootstrapServers(), INFRA.emulator().baseUrl().toString(), KEY,
                dir.resolve("state"))) {
            for (Stage stage : Stage.values()) {
                pipeline.start(stage, settings);
            }
            pipeline.publishUris(events);
            PipelineHarness.Terminals terminals = pipeline.awaitTerminals(events.keySet(), Duration.ofSeconds(60));
            for (String eventId : events.keySet()) {
                assertThat(terminals.count(eventId)).as("terminal records of %s", eventId).isEqualTo(1);
                EnrichedVerdict verdict = terminals.verdict(eventId);
                assertThat(verdict.getStatus()).as("%s: %s", eventId, verdict.getReason()).hasToString("FAILED");
                verdicts.put(eventId, verdict);
            }
        }
        assertThat(INFRA.emulator().stats().submissions()).as("uploads to the Sandbox").isEqualTo(submissionsBefore);
        return verdicts;
    }
}
