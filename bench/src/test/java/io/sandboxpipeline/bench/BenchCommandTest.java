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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A tiny but complete benchmark run: the pipeline on an in-JVM Kafka and both baselines, each on its own emulator. */
class BenchCommandTest {

    private static final List<String> SYSTEM_FIELDS = List.of("events", "uniqueHashes", "scannedHashes", "knownEvents",
            "completed", "complete", "duplicateTerminalRecords", "wallSeconds", "eventsPerSecond", "sandboxCalls",
            "responsesByStatus", "submissions", "submissionsPerUniqueHash", "submissionsOfKnownHashes",
            "maxSubmissionsOfOneHash", "reputationCalls", "reputationCallsPerUniqueHash", "scans", "pollsPerScan",
            "maxPollsPerScan", "minPollsPerScan", "reportPolls", "reportOtherRequests", "pollsCountedAtFinish",
            "pollsDerived", "latencySeconds", "makespanSeconds", "makespanFloorSeconds", "makespanOverFloor",
            "peakHeapBytes", "peakHeapPoolSumBytes", "outcomes");
    /** The shape of the emulators' API keys ("bench-" and a UUID): it must appear nowhere. */
    private static final Pattern API_KEY = Pattern.compile("bench-[0-9a-f]{8}-[0-9a-f]{4}-");

    @TempDir
    Path dir;

    @Test
    void shouldMeasureAllThreeSystemsAndAccountForEveryCall() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path json = dir.resolve("bench.json");

        int exit = new CommandLine(new BenchCommand(new PrintStream(printed, true, StandardCharsets.UTF_8), Clock.systemUTC()))
                .execute("--events", "40", "--unique", "20", "--known-share", "0.1", "--scan-duration", "500ms",
                        "--sequential-events", "3", "--baseline-poll-interval", "500ms", "--set", "kafka.partitions=2",
                        "--json", json.toString());

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("pipeline", "pool(16)", "sequential", "Targets:");
        String text = Files.readString(json);
        assertThat(API_KEY.matcher(output + text).find()).as("an API key was printed").isFalse();
        JsonNode report = new ObjectMapper().readTree(text);
        for (String system : List.of("pipeline", "pool", "sequential")) {
            assertThat(report.get(system)).as(system).isNotNull();
            SYSTEM_FIELDS.forEach(field -> assertThat(report.get(system).has(field)).as(system + "." + field).isTrue());
            assertThat(report.get(system).get("complete").asBoolean()).as(system + " complete").isTrue();
        }
        assertThat(report.get("ratios").has("pipelineOverSequential")).isTrue();
        assertThat(report.get("ratios").has("pipelineOverPool")).isTrue();
        assertThat(report.get("targets")).hasSize(9);
        assertThat(report.get("workload").get("duplicateShare").asDouble()).isEqualTo(0.5);

        assertScriptAccounting(report.get("pool"), 40);
        assertScriptAccounting(report.get("sequential"), 3);
        assertPipelineAccounting(report.get("pipeline"));
    }

    /** A script looks up every event and uploads every one the reputation does not know; every report call is a poll. */
    private static void assertScriptAccounting(JsonNode system, int events) {
        long known = system.get("knownEvents").asLong();
        assertThat(system.get("events").asInt()).isEqualTo(events);
        assertThat(system.get("reputationCalls").asLong()).isEqualTo(events);
        assertThat(system.get("submissions").asLong()).isEqualTo(events - known);
        assertThat(system.get("submissionsOfKnownHashes").asLong()).isZero();
        assertThat(system.get("scans").asLong()).isEqualTo(events - known);
        assertThat(system.get("reportPolls").asLong()).isEqualTo(system.get("sandboxCalls").get("REPORT").asLong());
        assertThat(system.get("reportOtherRequests").asLong()).isZero();
        assertThat(system.get("outcomes").path("DONE NO_THREAT by SANDBOX").asLong()).isEqualTo(events - known);
        assertThat(system.get("outcomes").path("DONE LIKELY_MALICIOUS by REPUTATION").asLong()).isEqualTo(known);
        assertThat(system.get("latencySeconds").get("p99").asDouble())
                .isGreaterThanOrEqualTo(system.get("latencySeconds").get("p50").asDouble());
    }

    /** Every upload is a flow whose polls were counted at its finish; polls and other report calls add up. */
    private static void assertPipelineAccounting(JsonNode pipeline) {
        assertThat(pipeline.get("completed").asInt()).isEqualTo(40);
        assertThat(pipeline.get("duplicateTerminalRecords").asInt()).isZero();
        assertThat(pipeline.get("scans").asLong()).isEqualTo(pipeline.get("submissions").asLong()).isPositive();
        assertThat(pipeline.get("pollsCountedAtFinish").asLong()).isEqualTo(pipeline.get("scans").asLong());
        assertThat(pipeline.get("reportPolls").asLong() + pipeline.get("reportOtherRequests").asLong())
                .isEqualTo(pipeline.get("sandboxCalls").get("REPORT").asLong());
        // a 500 ms scan is finished by the first poll the service allows, 2 s after the upload's answer
        assertThat(pipeline.get("minPollsPerScan").asInt()).isEqualTo(1);
        assertThat(pipeline.get("pollsPerScan").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(pipeline.get("makespanFloorSeconds").asDouble()).isEqualTo(2.0);
        assertThat(pipeline.get("makespanOverFloor").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(pipeline.get("sandboxCalls").get("SCAN_FILE").asLong())
                .isGreaterThanOrEqualTo(pipeline.get("submissions").asLong());
    }

    @Test
    void shouldCompareASteadyFlowThroughThePipelineAndTheDeduplicatingScriptUnderOneQuota() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path json = dir.resolve("steady.json");

        // 4 events/s for 5 s: 20 events over 8 contents (the main workload's 20 of 50), 1 known to the reputation
        int exit = new CommandLine(new BenchCommand(new PrintStream(printed, true, StandardCharsets.UTF_8), Clock.systemUTC()))
                .execute("--mode", "steady", "--steady-rate", "4/s", "--steady-duration", "5s", "--steady-quota-rps", "20",
                        "--events", "50", "--unique", "20", "--known-share", "0.1", "--scan-duration", "500ms",
                        "--baseline-poll-interval", "500ms", "--set", "kafka.partitions=2", "--json", json.toString());

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("Steady arrivals", "Sandbox calls per verdict");
        String text = Files.readString(json);
        assertThat(API_KEY.matcher(output + text).find()).as("an API key was printed").isFalse();
        JsonNode steady = new ObjectMapper().readTree(text).get("steady");
        assertThat(steady.get("events").asInt()).isEqualTo(20);
        assertThat(steady.get("uniqueHashes").asInt()).isEqualTo(8);
        assertThat(steady.get("pipelineSettings").get("quota.upload.per.second").asText()).isEqualTo("5.0");
        for (String system : List.of("pipeline", "pool")) {
            JsonNode figures = steady.get(system);
            assertThat(figures.get("complete").asBoolean()).as(system + " complete").isTrue();
            // one upload per content that needs one: the script de-duplicates as the pipeline does
            assertThat(figures.get("uploads").asLong()).as(system + " uploads")
                    .isEqualTo(figures.get("scannedHashes").asLong());
            assertThat(figures.get("sandboxCallsPerVerdict").asDouble()).as(system)
                    .isEqualTo(figures.get("sandboxCalls").get("total").asDouble() / 20);
            assertThat(figures.get("latencySeconds").get("p99").asDouble())
                    .isGreaterThanOrEqualTo(figures.get("latencySeconds").get("p50").asDouble()).isPositive();
        }
    }

    @Test
    void shouldRefuseAWorkloadWithMoreContentsThanEventsBeforeStartingAnything() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new BenchCommand(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC()));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute("--events", "10", "--unique", "20");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--unique must be between 1 and --events (10)");
    }

    @Test
    void shouldNameTheEndpointsWhenALatencyEndpointIsUnknown() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new BenchCommand(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC()));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute("--latency", "upload=1s");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("'upload' is not an emulator endpoint").contains("SCAN_FILE");
    }
}
