package io.sandboxpipeline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.app.demo.DemoSamples;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.source.Sha256;
import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.runtime.Stage;
import io.sandboxpipeline.tools.kafka.StopSignal;
import io.sandboxpipeline.tools.replay.CsvRecords;
import io.sandboxpipeline.tools.replay.ReplayCommand;
import io.sandboxpipeline.tools.verdicts.VerdictsCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code replay} and {@code verdicts} against the real pipeline: an in-JVM, loopback-only Kafka broker, the Sandbox
 * emulator over HTTP and the three stages.
 */
class ReplayEndToEndTest {

    private static final String KEY = "replay-e2e-key";
    private static EmbeddedKafka kafka;
    private static SandboxEmulator emulator;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startInfrastructure() {
        kafka = EmbeddedKafka.start();
        emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey(KEY).scanDuration(Duration.ofMillis(800)).pollPause(2).build());
    }

    @AfterAll
    static void stopInfrastructure() {
        if (emulator != null) {
            emulator.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Settings of the stages; the commands get the Kafka ones with --set. */
    private Map<String, String> pipelineSettings(String id) {
        Map<String, String> values = new HashMap<>();
        values.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        values.put("kafka.application.id.prefix", "replay-e2e-" + id + "-");
        values.put("kafka.partitions", "2");
        values.put("kafka.state.dir", dir.resolve("state").toString());
        values.put("topic.prefix", "replay-" + id + ".");
        values.put("schema.registry.url", "mock://replay-" + id);
        values.put("sandbox.url", emulator.baseUrl().toString());
        values.put("sandbox.api.key", KEY);
        values.put("submitter.allowed.roots", dir.toString());
        values.put("poller.scan.deadline", "60s");
        return values;
    }

    private static List<String> commandSettings(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        for (String key : List.of("kafka.bootstrap.servers", "topic.prefix", "schema.registry.url")) {
            args.add("--set");
            args.add(key + "=" + settings.get(key));
        }
        return args;
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Object command, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private Run replay(Map<String, String> settings, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(commandSettings(settings));
        return run(new ReplayCommand(Map.of(), Clock.systemUTC(), false), all);
    }

    /** 10 files, 7 contents: three copies of one clean document, two of a suspicious one, and a known-malware file. */
    private Map<String, Integer> writeFiles(Path data) throws IOException {
        String nonce = UUID.randomUUID().toString();
        Map<String, String> files = new HashMap<>();
        for (int i = 1; i <= 5; i++) {
            files.put("docs/clean-" + i + ".txt", "clean document " + i + " " + nonce);
        }
        files.put("copies/clean-1-copy.txt", "clean document 1 " + nonce);
        files.put("copies/deeper/clean-1-again.txt", "clean document 1 " + nonce);
        files.put("macro.doc", "Enable content SANDBOX-TEST:SUSPICIOUS " + nonce);
        files.put("copies/macro-copy.doc", "Enable content SANDBOX-TEST:SUSPICIOUS " + nonce);
        files.put("eicar.com", DemoSamples.EICAR);
        Map<String, Integer> copiesPerHash = new HashMap<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = data.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            copiesPerHash.merge(Sha256.ofBytes(file.getValue().getBytes(StandardCharsets.UTF_8)), 1, Integer::sum);
        }
        return copiesPerHash;
    }

    @Test
    void shouldReplayADirectoryWaitForEveryVerdictAndPrintThem() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> settings = pipelineSettings(id);
        Path data = dir.resolve("data");
        Map<String, Integer> copiesPerHash = writeFiles(data);
        String eicarHash = Sha256.ofBytes(DemoSamples.EICAR.getBytes(StandardCharsets.UTF_8));
        long submissionsBefore = emulator.stats().submissions();
        List<StageRunner> stages = Stage.startAll(List.of(Stage.values()), ConfigValues.of(settings));
        try {
            // when: the directory is replayed and waited for
            Path report = dir.resolve("report.csv");
            Run first = replay(settings, data.toString(), "--run-id", "backfill-" + id, "--checkpoint",
                    dir.resolve("first.checkpoint").toString(), "--report", report.toString(), "--timeout", "60s");

            // then: every file has its verdict, and the summary counts them
            assertThat(first.exit()).as(first.out() + first.err()).isZero();
            assertThat(first.out())
                    .contains("as run backfill-" + id + ": 10 files")
                    .contains("Published 10 events to replay-" + id + ".file-arrivals")
                    .contains("10 events, 10 with their terminal record")
                    .contains("status       DONE 10, FAILED 0, SKIPPED 0, TIMED_OUT 0, dead-lettered 0, no record yet 0")
                    .contains("verdict      NO_THREAT 7, SUSPICIOUS 2, MALICIOUS 1")
                    // one upload per content: the copies attach to the scan in flight or hit the cache
                    .contains("6 new scans (distinct flows decided by SANDBOX), 6 uploads");
            assertThat(first.out()).containsPattern("decided by   REPUTATION 1, SANDBOX \\d, CACHE \\d, NONE 0");
            copiesPerHash.keySet().stream().filter(hash -> !hash.equals(eicarHash))
                    .forEach(hash -> assertThat(emulator.stats().submissionsOfHash(hash)).as("uploads of %s", hash).isEqualTo(1));
            assertThat(emulator.stats().submissions() - submissionsBefore).isEqualTo(6);

            List<CsvRecords.CsvRecord> rows = CsvRecords.read(new StringReader(Files.readString(report)));
            assertThat(rows).hasSize(11);
            assertThat(rows.subList(1, 11)).allSatisfy(row -> {
                assertThat(row.fields().get(0)).startsWith("replay:backfill-" + id + ":");
                assertThat(row.fields().get(3)).isEqualTo("DONE");
                assertThat(row.fields().get(2)).hasSize(64);
            });
            assertThat(rows.subList(1, 11)).extracting(row -> row.fields().get(4)).containsOnly("NO_THREAT", "SUSPICIOUS", "MALICIOUS");

            // and: the verdicts command prints the clean ones of the run as JSON lines, marked as replayed
            Run clean = run(new VerdictsCommand(Map.of(), null), withSettings(settings, "--from-beginning", "--verdict", "no_threat"));
            assertThat(clean.exit()).as(clean.err()).isZero();
            List<JsonNode> lines = jsonLines(clean.out());
            assertThat(lines).hasSize(7).allSatisfy(line -> {
                assertThat(line.get("verdict").asText()).isEqualTo("NO_THREAT");
                assertThat(line.get("lane").asText()).isEqualTo("REPLAY");
                assertThat(line.get("sourceSystem").asText()).isEqualTo("replay");
                assertThat(line.get("attributes").get("replay.run").asText()).isEqualTo("backfill-" + id);
                assertThat(line.get("eventId").asText()).startsWith("replay:backfill-" + id + ":");
            });

            // when: the same files are replayed again as a new run, while verdicts --follow watches the REPLAY lane
            StringWriter followed = new StringWriter();
            StringWriter followErr = new StringWriter();
            StopSignal stopFollowing = StopSignal.manual();
            Thread follower = new Thread(() -> {
                CommandLine commandLine = new CommandLine(new VerdictsCommand(Map.of(), stopFollowing))
                        .setCaseInsensitiveEnumValuesAllowed(true);
                commandLine.setOut(new PrintWriter(followed, true));
                commandLine.setErr(new PrintWriter(followErr, true));
                commandLine.execute(withSettings(settings, "--follow", "--lane", "REPLAY").toArray(String[]::new));
            }, "verdicts-follow");
            follower.start();
            awaitText(followErr, "Following replay-" + id + ".verdicts (Ctrl-C to stop)", Duration.ofSeconds(20));
            Run second = replay(settings, data.toString(), "--run-id", "again-" + id, "--checkpoint",
                    dir.resolve("second.checkpoint").toString(), "--timeout", "60s");

            // then: the pipeline answers from its verdict cache, no new scan, and the follower sees the new verdicts
            assertThat(second.exit()).as(second.out() + second.err()).isZero();
            assertThat(second.out()).contains("0 new scans").contains("verdict      NO_THREAT 7, SUSPICIOUS 2, MALICIOUS 1");
            assertThat(emulator.stats().submissions() - submissionsBefore).isEqualTo(6);
            awaitLines(followed, 10, Duration.ofSeconds(20));
            stopFollowing.request();
            follower.join(10_000);
            assertThat(follower.isAlive()).isFalse();
            assertThat(jsonLines(followed.toString())).hasSize(10).allSatisfy(line ->
                    assertThat(line.get("attributes").get("replay.run").asText()).isEqualTo("again-" + id));
        } finally {
            stages.forEach(stage -> stage.close(Duration.ofSeconds(10)));
        }
    }

    private static List<String> withSettings(Map<String, String> settings, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(commandSettings(settings));
        return all;
    }

    private List<JsonNode> jsonLines(String text) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }

    private static void awaitText(StringWriter text, String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!text.toString().contains(expected)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("expected '" + expected + "' within " + timeout + ", got:\n" + text);
            }
            Thread.sleep(50);
        }
    }

    private static void awaitLines(StringWriter text, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (text.toString().lines().filter(l -> !l.isBlank()).count() < count) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("expected " + count + " lines within " + timeout + ", got:\n" + text);
            }
            Thread.sleep(50);
        }
    }
}
