package io.sandboxpipeline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.emulator.SubmittedScan;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The child JVM of the large-file measurement ({@link LargeFileBench}): runs the whole pipeline on the embedded
 * default (Kafka, emulator accepting uploads larger than the file, the three stages) on one file, waits for its
 * verdict, and prints one line {@value #RESULT_PREFIX}{@code {json}}. Exit code 0 when the verdict is DONE with the
 * expected sha256.
 *
 * <p>Arguments: file, expected sha256, scan duration in ms, pollPause in s, timeout in s.
 */
public final class LargeFileChild {

    static final String RESULT_PREFIX = "BENCH-LARGE-RESULT ";
    private static final long UPLOAD_HEADROOM_BYTES = 64L * 1024 * 1024;

    private LargeFileChild() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: LargeFileChild FILE SHA256 SCAN_DURATION_MS POLL_PAUSE_S TIMEOUT_S");
            System.exit(2);
        }
        System.setProperty("sun.net.httpserver.nodelay", "true");
        BenchLogs.quiet();
        Path file = Path.of(args[0]);
        String expected = args[1];
        SandboxSpec spec = new SandboxSpec(Duration.ofMillis(Long.parseLong(args[2])), Integer.parseInt(args[3]),
                Map.of(), 0);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[4]));
        Map<String, Object> result = run(file, expected, spec, timeout, Clock.systemUTC());
        System.out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(result));
        System.out.flush();
        System.exit(Boolean.TRUE.equals(result.get("success")) ? 0 : 1);
    }

    private static Map<String, Object> run(Path file, String expected, SandboxSpec spec, Duration timeout, Clock clock)
            throws Exception {
        Path workDir = Files.createTempDirectory("sandbox-pipeline-bench-large-");
        Content content = new Content(expected, file, false);
        BenchEvent event = new BenchEvent("large-1", file, content);
        Map<String, Object> result = new LinkedHashMap<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             BenchSandbox sandbox = BenchSandbox.start(spec, Files.size(file) + UPLOAD_HEADROOM_BYTES);
             // the large file lies in the parent bench's work directory, not in this child's
             PipelineRunner pipeline = PipelineRunner.start(kafka.bootstrapServers(), sandbox, workDir.resolve("state"),
                     Map.of("submitter.allowed.roots", file.toAbsolutePath().getParent().toString()), clock);
             VerdictCollector collector = pipeline.collector(flowId -> { })) {
            HeapWatch heap = HeapWatch.start();
            Map<String, Instant> published = pipeline.publish(List.of(event), false);
            Instant start = published.get(event.eventId());
            collector.awaitAll(published.keySet(), start.plus(timeout));
            HeapWatch.Peak peak = heap.stop();
            VerdictCollector.Terminal terminal = collector.terminals().get(event.eventId());
            boolean sha256Matches = terminal != null && expected.equals(terminal.sha256());
            // what the Sandbox itself received: the bytes of the upload and the sha256 it computed of them
            Optional<SubmittedScan> received = Optional.ofNullable(terminal).map(VerdictCollector.Terminal::flowId)
                    .flatMap(flowId -> sandbox.emulator().submission(flowId));
            long uploadedBytes = received.map(SubmittedScan::size).orElse(0L);
            boolean receivedIntact = received.map(s -> expected.equals(s.sha256())).orElse(false)
                    && uploadedBytes == Files.size(file);
            result.put("success", terminal != null && "DONE".equals(terminal.status()) && sha256Matches && receivedIntact);
            result.put("status", terminal == null ? "MISSING" : terminal.status());
            result.put("verdict", terminal == null ? null : terminal.verdict());
            result.put("decidedBy", terminal == null ? null : terminal.decidedBy());
            result.put("reason", terminal == null ? null : terminal.reason());
            result.put("sha256Matches", sha256Matches);
            result.put("uploads", sandbox.emulator().stats().submissions());
            result.put("uploadedBytes", uploadedBytes);
            result.put("sandboxReceivedSha256Matches", receivedIntact);
            result.put("publishToVerdictSeconds", terminal == null ? null
                    : Duration.between(start, terminal.readAt()).toMillis() / 1000.0);
            result.put("peakHeapBytes", peak.sampledBytes());
            result.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
            return result;
        } finally {
            WorkDirs.deleteQuietly(workDir);
        }
    }
}
