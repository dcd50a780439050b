package io.sandboxpipeline.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command's checks and its dry run, which need no Kafka. */
class ReplayCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new ReplayCommand(Map.of(), clock, false)).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Path files() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("b.txt"), "bb", StandardCharsets.UTF_8);
        Files.createDirectories(data.resolve("sub"));
        Files.writeString(data.resolve("sub/a.txt"), "a".repeat(2048), StandardCharsets.UTF_8);
        return data;
    }

    @Test
    void shouldListWhatADryRunWouldPublishWithoutAnyKafka() throws IOException {
        Path data = files();

        int exit = run(data.toString(), "--dry-run", "--run-id", "try-1", "--checkpoint", dir.resolve("c").toString());

        assertThat(exit).as(err.toString()).isZero();
        RunId run = new RunId("try-1");
        assertThat(out.toString())
                .contains("Replay of " + data.toAbsolutePath() + " as run try-1: 2 files, 2.0 KiB")
                .contains("Dry run: nothing is published")
                .contains(run.eventIdOf(data.resolve("b.txt").toUri().toString()))
                .contains(data.resolve("sub/a.txt").toUri().toString())
                .contains("Would publish 2 events for 2.0 KiB of files.");
        assertThat(out.toString().indexOf("b.txt")).isLessThan(out.toString().indexOf("sub/a.txt"));
        assertThat(dir.resolve("c")).doesNotExist();
    }

    @Test
    void shouldDeriveTheRunIdFromTheSourceAndTheDay() throws IOException {
        Path data = files();

        run(data.toString(), "--dry-run");

        assertThat(out.toString()).containsPattern("as run [a-z0-9-]*data-[0-9a-f]{6}-20250301: 2 files");
    }

    @Test
    void shouldRefuseToStartARunThatHasACheckpointWithoutResume() throws IOException {
        Path data = files();
        Path checkpoint = dir.resolve("run.checkpoint");
        new CheckpointFile(checkpoint).write(new Checkpoint(new RunId("r1"), data.toAbsolutePath().toString(), 1, null,
                "00".repeat(32), Map.of(), clock.instant()));

        int exit = run(data.toString(), "--run-id", "r1", "--checkpoint", checkpoint.toString(), "--set", "kafka.bootstrap.servers=127.0.0.1:1");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Run r1 already has a checkpoint (1 of 2 files published)").contains("add --resume");
    }

    @Test
    void shouldRefuseToResumeWhenTheFilesBeforeTheCheckpointChanged() throws IOException {
        Path data = files();
        Path checkpoint = dir.resolve("run.checkpoint");
        new CheckpointFile(checkpoint).write(new Checkpoint(new RunId("r1"), data.toAbsolutePath().toString(), 1,
                "file:///elsewhere", "00".repeat(32), Map.of(), clock.instant()));

        int exit = run(data.toString(), "--run-id", "r1", "--checkpoint", checkpoint.toString(), "--resume", "--dry-run");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("the source changed since run r1 started");
    }

    @Test
    void shouldReportEveryBadManifestRowAndPublishNothing() throws IOException {
        Path manifest = Files.writeString(dir.resolve("files.csv"), "uri,size\ns3://b/1,1\ns3://b/2,big\n,3\n");

        int exit = run(manifest.toString(), "--set", "kafka.bootstrap.servers=127.0.0.1:1");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("has 2 problems (nothing was published)")
                .contains("line 3: size must be a whole number").contains("line 4: uri is empty");
    }

    @Test
    void shouldExplainUsageMistakes() throws IOException {
        Path data = files();

        assertThat(run(data.toString(), "--report", "r.csv", "--no-wait")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--report needs the verdicts");
        assertThat(run(data.toString(), "--rate", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--rate must be at least 1");
        assertThat(run(dir.resolve("nothing-here").toString())).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("is neither a directory, a manifest CSV file nor s3://bucket/prefix");
    }

    @Test
    void shouldNeedKafkaSettingsOnlyToPublish() throws IOException {
        Path data = files();

        int exit = run(data.toString(), "--checkpoint", dir.resolve("c").toString());

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("kafka.bootstrap.servers is required");
        assertThat(dir.resolve("c")).doesNotExist();
    }
}
