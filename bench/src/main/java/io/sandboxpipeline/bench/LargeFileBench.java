package io.sandboxpipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A file larger than the heap through the whole pipeline: a generated file of {@code sizeBytes} is scanned by the
 * pipeline running in a child JVM ({@link LargeFileChild}) started with the same {@code java} and class path and a
 * small {@code -Xmx}. Streaming hashes and uploads must get it through without holding it in memory.
 */
final class LargeFileBench {

    /**
     * The outcome.
     *
     * @param wallSeconds              from starting the child JVM to its exit (Kafka and stage start-up included)
     * @param publishToVerdictSeconds  the pipeline's own time for the file, as the child measured it
     * @param child                    the child's result line, if it printed one
     */
    record Result(long bytes, String maxHeap, boolean success, int exitCode, double wallSeconds,
                  Optional<Double> publishToVerdictSeconds, Optional<JsonNode> child, String note) {
    }

    Result run(Path dir, long sizeBytes, String maxHeap, SandboxSpec spec, Duration timeout)
            throws IOException, InterruptedException {
        Path file = dir.resolve("large-bench.bin");
        Path log = dir.resolve("large-child.log");
        try {
            String sha256 = BigFile.write(file, sizeBytes, 0x1a26eL);
            List<String> command = List.of(javaExecutable(), "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
                    LargeFileChild.class.getName(), file.toString(), sha256,
                    Long.toString(spec.scanDuration().toMillis()), Integer.toString(spec.pollPause()),
                    Long.toString(timeout.toSeconds()));
            long start = System.nanoTime();
            Process child = new ProcessBuilder(command).redirectError(log.toFile()).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            }
            boolean exited = child.waitFor(timeout.toSeconds() + 60, TimeUnit.SECONDS);
            if (!exited) {
                child.destroyForcibly();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            Optional<JsonNode> result = resultLine(lines);
            int exitCode = exited ? child.exitValue() : -1;
            boolean success = exitCode == 0 && result.map(r -> r.path("success").asBoolean()).orElse(false);
            Optional<Double> pipelineSeconds = result.map(r -> r.path("publishToVerdictSeconds"))
                    .filter(JsonNode::isNumber).map(JsonNode::asDouble);
            return new Result(sizeBytes, maxHeap, success, exitCode, wall, pipelineSeconds, result,
                    success ? "" : note(exited, result, log));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Optional<JsonNode> resultLine(List<String> lines) throws IOException {
        for (String line : lines) {
            if (line.startsWith(LargeFileChild.RESULT_PREFIX)) {
                return Optional.of(new ObjectMapper().readTree(line.substring(LargeFileChild.RESULT_PREFIX.length())));
            }
        }
        return Optional.empty();
    }

    private static String note(boolean exited, Optional<JsonNode> result, Path log) throws IOException {
        if (!exited) {
            return "the child JVM did not finish in time and was stopped";
        }
        if (result.isPresent()) {
            return "the file ended " + result.get().path("status").asText() + ": " + result.get().path("reason").asText();
        }
        List<String> logLines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        List<String> tail = logLines.subList(Math.max(0, logLines.size() - 5), logLines.size());
        return "the child JVM printed no result; last log lines: " + String.join(" | ", tail);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
