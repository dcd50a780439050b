package io.sandboxpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The backlog mode at a tiny scale: every figure is there, computed from the others, and uploads happened. */
class BacklogCommandTest {

    private static final List<String> FIGURES = List.of("submitterCpuSecondsPerSecondSmall",
            "submitterCpuSecondsPerSecondLarge", "cpuRatio", "uploadsPerSecond", "quotaUtilisation",
            "liveLatencyP99Seconds", "idleLatencyP99Seconds", "liveLatencyRatio", "heapPeakMiBSmall", "heapPeakMiBLarge",
            "heapRatio", "reputationCallsPerUniqueHash");
    private static final List<String> TARGETS = List.of("cpuRatio", "quotaUtilisation", "liveLatencyRatio", "heapRatio",
            "reputationCallsPerUniqueHash");
    private static final Pattern API_KEY = Pattern.compile("bench-[0-9a-f]{8}-[0-9a-f]{4}-");

    @TempDir
    Path dir;

    @Test
    void shouldMeasureBothWindowsAndTheLiveEventsAndReportTheTargets() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path json = dir.resolve("backlog.json");

        int exit = new CommandLine(new BenchCommand(new PrintStream(printed, true, StandardCharsets.UTF_8),
                Clock.systemUTC())).execute("--mode", "backlog", "--backlog-events", "300", "--backlog-small", "100",
                "--backlog-quota", "20", "--backlog-window", "5s", "--backlog-idle", "5s",
                "--backlog-live-interval", "1s", "--backlog-drain-timeout", "30s", "--scan-duration", "500ms",
                "--poll-pause", "1", "--set", "kafka.partitions=2", "--json", json.toString());

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("Backlog targets:", "full backlog");
        String text = Files.readString(json);
        assertThat(API_KEY.matcher(output + text).find()).as("an API key was printed").isFalse();
        JsonNode report = new ObjectMapper().readTree(text);
        assertThat(report.get("mode").asText()).isEqualTo("backlog");
        assertThat(report.get("pipeline").isNull()).isTrue();
        JsonNode backlog = report.get("backlog");
        FIGURES.forEach(field -> assertThat(backlog.get(field).isNumber()).as(field).isTrue());
        assertThat(backlog.get("complete").asBoolean()).isTrue();
        assertThat(backlog.get("settings").get("events").asInt()).isEqualTo(300);
        assertThat(backlog.get("settings").get("quotaUploadsPerSecond").asDouble()).isEqualTo(20.0);

        assertThat(backlog.get("windows").get("large").get("uploads").asLong()).isPositive();
        assertThat(backlog.get("uploadsPerSecond").asDouble()).isPositive().isLessThanOrEqualTo(20 * 1.5);
        assertThat(backlog.get("quotaUtilisation").asDouble())
                .isCloseTo(backlog.get("uploadsPerSecond").asDouble() / 20, Offset.offset(1e-9));
        assertThat(backlog.get("submitterCpuSecondsPerSecondSmall").asDouble()).isPositive();
        assertThat(backlog.get("cpuRatio").asDouble()).isCloseTo(backlog.get("submitterCpuSecondsPerSecondLarge")
                .asDouble() / backlog.get("submitterCpuSecondsPerSecondSmall").asDouble(), Offset.offset(1e-9));
        assertThat(backlog.get("idleLatencyP99Seconds").asDouble()).isPositive();
        assertThat(backlog.get("liveLatencyRatio").asDouble()).isCloseTo(backlog.get("liveLatencyP99Seconds")
                .asDouble() / backlog.get("idleLatencyP99Seconds").asDouble(), Offset.offset(1e-9));
        assertThat(backlog.get("heapPeakMiBSmall").asDouble()).isPositive();
        assertThat(backlog.get("reputationDistinctHashes").asLong()).isPositive();
        assertThat(backlog.get("reputationCalls").asLong()).isPositive();
        assertThat(backlog.get("liveLatencySeconds").get("idle").get("count").asInt()).isPositive();
        assertThat(backlog.get("liveLatencySeconds").get("large").get("count").asInt()).isPositive();
        TARGETS.forEach(id -> assertThat(backlog.get("targets").get(id).has("met")).as(id).isTrue());
    }

    @Test
    void shouldRefuseABacklogNoLargerThanItsSmallPart() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new BenchCommand(new PrintStream(new ByteArrayOutputStream()),
                Clock.systemUTC()));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute("--mode", "backlog", "--backlog-events", "100", "--backlog-small", "100");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--backlog-events must be more than --backlog-small (100)");
    }
}
