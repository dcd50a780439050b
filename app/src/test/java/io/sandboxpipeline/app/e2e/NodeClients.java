package io.sandboxpipeline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the Node.js examples in {@code clients/node} (kafkajs 2.2 and @kafkajs/confluent-schema-registry, as a Node
 * service would use them) against what a test started: a client nobody here wrote, reading and writing our topics and
 * registry. Installs the pinned packages ({@code npm ci}) on first use. Without Node the test is skipped, except on CI
 * ({@code CI=true}, where {@code .ci/run} provides it), where that is a failure.
 */
final class NodeClients {

    static final Path DIR = Path.of("..", "clients", "node").toAbsolutePath().normalize();
    private static final long TIMEOUT_SECONDS = 120;

    private final ObjectMapper json = new ObjectMapper();

    private NodeClients() {
    }

    /** Node and the pinned packages, or the test is skipped (outside CI) with the reason. */
    static NodeClients require() throws IOException, InterruptedException {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!works("node", "--version")) {
            if (ci) {
                throw new AssertionError("node is not on PATH; .ci/run installs it");
            }
            Assumptions.abort("node is not on PATH: the Node client check needs Node.js 18 or newer");
        }
        if (!Files.isDirectory(DIR.resolve("node_modules"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), DIR);
            if (install.exit != 0) {
                if (ci) {
                    throw new AssertionError("npm ci in " + DIR + " failed: " + install.output);
                }
                Assumptions.abort("npm ci in " + DIR + " failed (no npm registry?): " + install.output);
            }
        }
        return new NodeClients();
    }

    /** Runs {@code node <script> <args>} in clients/node; fails with its output unless it exits 0. */
    List<JsonNode> run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Result result = run(command, DIR);
        assertThat(result.exit).as("node %s exited with; its output:%n%s", script, result.output).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(result.stdout, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }

    private record Result(int exit, String output, Path stdout) {
    }

    private static Result run(List<String> command, Path dir) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("node-client-", ".out");
        Path stderr = Files.createTempFile("node-client-", ".err");
        stdout.toFile().deleteOnExit();
        stderr.toFile().deleteOnExit();
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + TIMEOUT_SECONDS + " s: " + read(stderr));
        }
        return new Result(process.exitValue(), read(stderr) + read(stdout), stdout);
    }

    private static boolean works(String... command) throws InterruptedException {
        try {
            return run(List.of(command), Path.of(".")).exit == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
