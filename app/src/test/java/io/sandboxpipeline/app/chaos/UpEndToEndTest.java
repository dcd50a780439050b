package io.sandboxpipeline.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.app.SandboxPipeline;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sandbox-pipeline up} as a user runs it, in a child JVM with a watched folder: a burst of 1,000 files and a file
 * written slowly each get one verdict, read with the {@code verdicts} command (which finds {@code up} by its data
 * directory); stopped with SIGTERM it ends within 10 s; files added while it is down are picked up after the restart,
 * nothing is published twice, and a copy of a known file is answered from the verdict cache. With {@code -Dup.crash=true}
 * ({@code -Plong}) it is also killed (SIGKILL) while files are being published and scanned, and restarts to answer each
 * of them once.
 */
class UpEndToEndTest {

    private static final int BURST = 1_000;
    private static final int DISTINCT_CONTENTS = 60;
    private static final Duration READY = Duration.ofSeconds(240);

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldRunForRealOnOneMachineAndCarryOnAfterARestart() throws Exception {
        Path data = dir.resolve("data");
        Path watched = Files.createDirectories(dir.resolve("inbox"));
        List<String> arguments = new ArrayList<>(List.of("up", "--data", data.toString(), "--watch", watched.toString()));
        for (String option : List.of("--kafka-port", "--controller-port", "--registry-port", "--ops-port", "--sandbox-port")) {
            arguments.add(option);
            arguments.add(Integer.toString(freePort()));
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("SP_WATCH_QUIET_PERIOD", "1s");
        PipelineProcess up = new PipelineProcess(environment, dir, List.of("-Dlogback.configurationFile=logback.xml"), arguments);
        try (up) {
            up.start();
            awaitReady(up, 1);
            assertThat(Files.readString(data.resolve("connection.env"))).contains("KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:",
                    "SCHEMA_REGISTRY_URL=http://127.0.0.1:", "OPS_URL=http://127.0.0.1:");

            Path burst = Files.createDirectories(watched.resolve("burst"));
            for (int i = 0; i < BURST; i++) {
                Files.writeString(burst.resolve("file-" + i + ".txt"), "burst content " + (i % DISTINCT_CONTENTS));
            }
            Files.writeString(watched.resolve("~$lock.docx"), "office lock file: never published");
            Files.writeString(watched.resolve("download.part"), "incomplete download: never published");
            Path slow = watched.resolve("slow.log");
            StringBuilder slowContent = new StringBuilder();
            try (OutputStream out = Files.newOutputStream(slow)) {
                for (int chunk = 0; chunk < 5; chunk++) {
                    String line = "line " + chunk + " written slowly\n";
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    slowContent.append(line);
                    Thread.sleep(700);
                }
            }

            Map<String, List<JsonNode>> verdicts = awaitVerdicts(data, BURST + 1, up);
            assertThat(verdicts.get(slow.toUri().toString())).as("the slowly written file").singleElement()
                    .satisfies(v -> assertThat(v.path("sha256").asText()).isEqualTo(sha256(slowContent.toString())));
            assertThat(verdicts.keySet()).noneMatch(uri -> uri.contains("~$lock") || uri.endsWith(".part"));
            // `lookup` finds the running up too, and asks its verdict cache
            StringWriter lookupOut = new StringWriter();
            picocli.CommandLine lookup = SandboxPipeline.commandLine();
            lookup.setOut(new PrintWriter(lookupOut, true));
            lookup.setErr(new PrintWriter(new StringWriter(), true));
            assertThat(lookup.execute("lookup", sha256(slowContent.toString()), "--data", data.toString()))
                    .as("lookup's exit code (0: known)").isZero();
            assertThat(lookupOut.toString()).contains("\"overall_verdict\" : \"no_threat\"");

            Duration stop = up.terminate(Duration.ofSeconds(30));
            assertThat(stop).as("SIGTERM to exit").isLessThan(Duration.ofSeconds(10));
            assertThat(data.resolve("connection.env")).doesNotExist();

            // while it is down: new files, and a copy of a file it has seen
            Path later = Files.createDirectories(watched.resolve("later"));
            for (int i = 0; i < 20; i++) {
                Files.writeString(later.resolve("new-" + i + ".txt"), "arrived while down " + i);
            }
            Path copy = watched.resolve("copy-of-known.txt");
            Files.writeString(copy, "burst content 7");

            up.start();
            awaitReady(up, 2);
            Map<String, List<JsonNode>> after = awaitVerdicts(data, BURST + 1 + 21, up);
            after.forEach((uri, each) -> assertThat(each).as("verdicts of %s", uri).hasSize(1));
            assertThat(after.get(copy.toUri().toString()).get(0).path("decidedBy").asText()).isEqualTo("CACHE");
            assertThat(after.keySet()).filteredOn(uri -> uri.contains("/later/")).hasSize(20);

            if (!Boolean.getBoolean("up.crash")) {
                return; // the crash below takes Kafka a minute or two to recover from: run with -Plong (README, Tests)
            }
            // a crash: SIGKILL while files are being published and scanned; the restart loses and repeats none
            Path crash = Files.createDirectories(watched.resolve("crash"));
            for (int i = 0; i < 30; i++) {
                Files.writeString(crash.resolve("crash-" + i + ".txt"), "arrived just before a crash " + i);
            }
            Thread.sleep(1_500);
            up.kill();
            up.start();
            awaitReady(up, 3);
            Map<String, List<JsonNode>> afterCrash = awaitVerdicts(data, BURST + 1 + 21 + 30, up);
            afterCrash.forEach((uri, each) -> assertThat(each).as("verdicts of %s after the crash", uri).hasSize(1));
        } finally {
            if (up.starts() > 0) {
                System.out.println(up.warnings(30));
            }
        }
    }

    private static void awaitReady(PipelineProcess up, int start) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            up.requireAlive();
            String log = Files.readString(up.log(), StandardCharsets.UTF_8);
            String thisStart = log.substring(log.lastIndexOf("===== start " + start + " ====="));
            if (thisStart.contains("sandbox-pipeline is up:")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("`up` did not say it is up within " + READY.toSeconds() + " s:\n" + up.tail(40));
            }
            Thread.sleep(250);
        }
    }

    /** Every verdict the `verdicts` command prints, by file URI, once at least {@code files} files have one. */
    private Map<String, List<JsonNode>> awaitVerdicts(Path data, int files, PipelineProcess up) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        Map<String, List<JsonNode>> byUri = Map.of();
        while (byUri.size() < files) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(byUri.size() + " of " + files + " files have a verdict; the run's warnings:\n"
                        + up.warnings(30));
            }
            up.requireAlive();
            Thread.sleep(2_000);
            StringWriter out = new StringWriter();
            picocli.CommandLine verdictsCommand = SandboxPipeline.commandLine();
            verdictsCommand.setOut(new PrintWriter(out, true));
            verdictsCommand.setErr(new PrintWriter(new StringWriter(), true));
            int exit = verdictsCommand.execute("verdicts", "--from-beginning", "--data", data.toString(), "--timeout", "30s");
            assertThat(exit).isZero();
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.toString().split("\n")) {
                if (!line.isBlank()) {
                    lines.add(json.readTree(line));
                }
            }
            byUri = lines.stream().collect(Collectors.groupingBy(v -> v.path("uri").asText()));
        }
        return byUri;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
