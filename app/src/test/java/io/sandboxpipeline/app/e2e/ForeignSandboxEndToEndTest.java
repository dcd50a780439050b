package io.sandboxpipeline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.core.source.Sha256;
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
 * The pipeline against a Sandbox that behaves as the documented service may, seen through {@link ForeignSandboxProxy}:
 * a search that ignores the hash and lists strangers' reports, and upload answers that are lost. Every file keeps its
 * own verdict and every event ends in exactly one terminal record.
 */
class ForeignSandboxEndToEndTest {

    private static final String KEY = "foreign-key";

    @RegisterExtension
    static final BrokerAndSandbox INFRA = BrokerAndSandbox.withKey(KEY, config -> config.scanDuration(Duration.ofSeconds(1)).pollPause(2));

    @TempDir
    Path dir;

    @Test
    void shouldNeverAdoptAStrangersFlowWhenTheSearchAnswersOnlyStrangers() throws Exception {
        try (ForeignSandboxProxy sandbox = new ForeignSandboxProxy(INFRA.emulator().baseUrl(), true, 2)) {
            Map<String, EnrichedVerdict> verdicts = run(sandbox, "strangers", 12);

            assertThat(sandbox.garbled()).as("upload answers lost").isPositive();
            assertThat(sandbox.strangerPolls()).as("polls of strangers' flows (each one an adopted stranger)").isZero();
            report("search answers strangers", sandbox, verdicts.size());
        }
    }

    @Test
    void shouldGiveEveryFileItsOwnVerdictWhenHalfTheUploadAnswersAreLost() throws Exception {
        try (ForeignSandboxProxy sandbox = new ForeignSandboxProxy(INFRA.emulator().baseUrl(), false, 2)) {
            Map<String, EnrichedVerdict> verdicts = run(sandbox, "lost", 12);

            assertThat(sandbox.garbled()).as("upload answers lost").isPositive();
            report("half the upload answers lost", sandbox, verdicts.size());
        }
    }

    /** Clean files of distinct contents through the pipeline: one DONE NO_THREAT verdict each, for its own content. */
    private Map<String, EnrichedVerdict> run(ForeignSandboxProxy sandbox, String label, int files) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(label));
        Map<String, Path> events = new LinkedHashMap<>();
        for (int i = 0; i < files; i++) {
            events.put(label + "-" + i, Files.writeString(folder.resolve("doc-" + i + ".txt"),
                    "an ordinary document, " + label + " number " + i, StandardCharsets.UTF_8));
        }
        Map<String, EnrichedVerdict> verdicts = new LinkedHashMap<>();
        try (PipelineHarness pipeline = new PipelineHarness(INFRA.kafka().bootstrapServers(), sandbox.baseUrl(), KEY, dir.resolve("state-" + label))) {
            for (Stage stage : Stage.values()) {
                // scans take a second here: an accepted upload is listed within a few seconds
                pipeline.start(stage, Map.of("submitter.lost.upload.patience", "15s"));
            }
            pipeline.publish(events);
            PipelineHarness.Terminals terminals = pipeline.awaitTerminals(events.keySet(), Duration.ofSeconds(180));
            for (Map.Entry<String, Path> event : events.entrySet()) {
                String eventId = event.getKey();
                assertThat(terminals.count(eventId)).as("terminal records of %s", eventId).isEqualTo(1);
                EnrichedVerdict verdict = terminals.verdict(eventId);
                assertThat(verdict.getStatus()).as("%s: %s", eventId, verdict.getReason()).hasToString("DONE");
                assertThat(verdict.getVerdict()).as("verdict of %s", eventId).hasToString("NO_THREAT");
                assertThat(verdict.getSha256()).as("the verdict is about the file's own content")
                        .isEqualTo(Sha256.of(event.getValue()).sha256());
                verdicts.put(eventId, verdict);
            }
        }
        return verdicts;
    }

    private static void report(String run, ForeignSandboxProxy sandbox, int contents) {
        System.out.printf("%s: %d contents, %d uploads (%d answers lost), %d searches, %.0f%% extra uploads%n", run,
                contents, sandbox.uploads(), sandbox.garbled(), sandbox.searches(),
                100.0 * (sandbox.uploads() - contents) / contents);
    }
}
