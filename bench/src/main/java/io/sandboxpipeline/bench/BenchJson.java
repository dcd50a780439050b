package io.sandboxpipeline.bench;

import io.sandboxpipeline.emulator.Endpoint;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --json} document. Field names are stable; a part that did not run is {@code null}. Durations are in
 * seconds, sizes in bytes, rates per second.
 */
final class BenchJson {

    static final int FORMAT_VERSION = 1;

    private BenchJson() {
    }

    static Map<String, Object> of(BenchResults results) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "sandbox-pipeline bench");
        json.put("formatVersion", FORMAT_VERSION);
        json.put("startedAt", results.startedAt().toString());
        json.put("mode", results.mode().name().toLowerCase(Locale.ROOT));
        json.put("arguments", results.arguments());
        json.put("machine", machine(results.load()));
        json.put("workload", workload(results));
        json.put("pipeline", results.comparison().map(c -> system(c.pipeline())).orElse(null));
        json.put("pool", results.comparison().map(c -> system(c.pool())).orElse(null));
        json.put("sequential", results.comparison().map(BenchJson::sequential).orElse(null));
        json.put("ratios", results.comparison().map(BenchJson::ratios).orElse(null));
        json.put("cache", results.cache().map(BenchJson::cache).orElse(null));
        json.put("hash", results.hash().map(BenchJson::hash).orElse(null));
        json.put("large", results.large().map(BenchJson::large).orElse(null));
        json.put("steady", results.steady().map(SteadyJson::of).orElse(null));
        json.put("backlog", results.backlog().map(BacklogJson::of).orElse(null));
        json.put("targets", targets(results));
        return json;
    }

    private static Map<String, Object> machine(BenchResults.MachineLoad load) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        machine.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        machine.put("javaVersion", System.getProperty("java.version"));
        machine.put("javaVm", System.getProperty("java.vm.name"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("osArch", System.getProperty("os.arch"));
        machine.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        machine.put("loadAverageAtStart", load.atStart());
        machine.put("loadAverageAtEnd", load.atEnd());
        return machine;
    }

    private static Map<String, Object> workload(BenchResults results) {
        WorkloadSpec w = results.workload();
        SandboxSpec s = results.sandbox();
        BaselineSpec b = results.baselines();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("events", w.events());
        json.put("uniqueHashes", w.unique());
        json.put("duplicateShare", w.duplicateShare());
        json.put("knownShare", w.knownShare());
        json.put("knownUniqueHashes", w.knownUnique());
        json.put("fileSizeBytes", w.fileSizeBytes());
        json.put("seed", w.seed());
        json.put("scanDurationSeconds", seconds(s.scanDuration()));
        json.put("pollPauseSeconds", s.pollPause());
        Map<String, Object> latency = new LinkedHashMap<>();
        s.latency().forEach((endpoint, delay) -> latency.put(endpoint.name(), seconds(delay)));
        json.put("latencySeconds", latency);
        json.put("quotaRps", s.quotaRps());
        json.put("poolThreads", b.poolThreads());
        json.put("sequentialEvents", b.sequentialEvents());
        json.put("baselinePollIntervalSeconds", seconds(b.pollInterval()));
        json.put("pipelineSettings", results.pipelineSettings());
        return json;
    }

    static Map<String, Object> system(SystemResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("events", r.events());
        json.put("uniqueHashes", r.uniqueHashes());
        json.put("scannedHashes", r.scannedHashes());
        json.put("knownEvents", r.knownEvents());
        json.put("completed", r.completed());
        json.put("complete", r.complete());
        json.put("duplicateTerminalRecords", r.duplicates());
        json.put("wallSeconds", r.wallSeconds());
        json.put("eventsPerSecond", r.eventsPerSecond());
        json.put("sandboxCalls", calls(r.calls()));
        json.put("responsesByStatus", statuses(r.calls()));
        json.put("submissions", r.submissions());
        json.put("submissionsPerUniqueHash", r.submissionsPerScannedHash());
        json.put("submissionsOfKnownHashes", r.submissionsOfKnown());
        json.put("maxSubmissionsOfOneHash", r.maxSubmissionsOfOneHash());
        json.put("reputationCalls", r.calls().reputationCalls());
        json.put("reputationCallsPerUniqueHash", r.reputationCallsPerUniqueHash());
        json.put("scans", r.polls().scans());
        json.put("pollsPerScan", r.polls().perScan());
        json.put("maxPollsPerScan", r.polls().maxPolls());
        json.put("minPollsPerScan", r.minPollsPerScan());
        json.put("reportPolls", r.polls().polls());
        json.put("reportOtherRequests", r.otherReportRequests());
        json.put("pollsCountedAtFinish", r.polls().countedAtFinish());
        json.put("pollsDerived", r.polls().derived());
        json.put("latencySeconds", latency(r.latency()));
        json.put("makespanSeconds", r.wallSeconds());
        json.put("makespanFloorSeconds", seconds(r.floor()));
        json.put("makespanOverFloor", r.makespanOverFloor());
        json.put("peakHeapBytes", r.heap().sampledBytes());
        json.put("peakHeapPoolSumBytes", r.heap().poolPeaksBytes());
        json.put("outcomes", r.outcomes());
        return json;
    }

    private static Map<String, Object> sequential(PipelineBench.Comparison c) {
        return system(c.sequential());
    }

    private static Map<String, Object> ratios(PipelineBench.Comparison c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pipelineOverSequential", c.pipelineOverSequential());
        json.put("pipelineOverPool", c.pipelineOverPool());
        json.put("exactlyOnce", c.exactlyOnce());
        return json;
    }

    private static Map<String, Object> cache(CacheBench.Result c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("events", c.spec().events());
        json.put("uniqueHashes", c.spec().unique());
        json.put("exactlyOnce", c.exactlyOnce());
        json.put("warmUpSeconds", seconds(c.warmUp()));
        json.put("warmUpComplete", c.warmUpComplete());
        json.put("carriedSha256", cachePhase(c.carriedSha256()));
        json.put("hashed", cachePhase(c.hashed()));
        return json;
    }

    private static Map<String, Object> cachePhase(CachePhase p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventsCarrySha256", p.carrySha256());
        json.put("completed", p.completed());
        json.put("complete", p.complete());
        json.put("duplicateTerminalRecords", p.duplicates());
        json.put("wallSeconds", seconds(p.wall()));
        json.put("eventsPerSecond", p.eventsPerSecond());
        json.put("steadyEventsPerSecond", p.steadyEventsPerSecond());
        json.put("sandboxCalls", calls(p.calls()));
        json.put("latencySeconds", latency(p.latency()));
        json.put("peakHeapBytes", p.heap().sampledBytes());
        json.put("peakHeapPoolSumBytes", p.heap().poolPeaksBytes());
        json.put("outcomes", p.outcomes());
        return json;
    }

    private static Map<String, Object> hash(HashBench.Result h) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bytes", h.bytes());
        json.put("rounds", HashBench.ROUNDS);
        json.put("oursSeconds", h.oursSeconds());
        json.put("oursGBps", h.oursGbPerSecond());
        json.put("opensslSeconds", h.opensslSeconds().orElse(null));
        json.put("opensslGBps", h.opensslGbPerSecond().orElse(null));
        json.put("oursOverOpenssl", h.ratio().orElse(null));
        json.put("opensslVersion", h.opensslVersion());
        json.put("heapGrowthBytes", h.heapGrowthBytes());
        json.put("heapPeakBytes", h.heapPeakBytes());
        json.put("digestsAgree", h.digestsAgree());
        json.put("note", h.note());
        return json;
    }

    private static Map<String, Object> large(LargeFileBench.Result l) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bytes", l.bytes());
        json.put("maxHeap", l.maxHeap());
        json.put("success", l.success());
        json.put("exitCode", l.exitCode());
        json.put("wallSeconds", l.wallSeconds());
        json.put("publishToVerdictSeconds", l.publishToVerdictSeconds().orElse(null));
        json.put("child", l.child().orElse(null));
        json.put("note", l.note());
        return json;
    }

    private static List<Map<String, Object>> targets(BenchResults results) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (Targets.Target target : Targets.evaluate(results)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", target.id());
            entry.put("description", target.description());
            entry.put("target", target.target());
            entry.put("measured", target.measured());
            entry.put("met", target.met().orElse(null));
            json.add(entry);
        }
        return json;
    }

    static Map<String, Object> calls(CallCounts calls) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Endpoint endpoint : Endpoint.values()) {
            json.put(endpoint.name(), calls.requests(endpoint));
        }
        json.put("total", calls.totalRequests());
        return json;
    }

    static Map<String, Object> statuses(CallCounts calls) {
        Map<String, Object> json = new LinkedHashMap<>();
        calls.statuses().forEach((status, count) -> json.put(Integer.toString(status), count));
        return json;
    }

    static Map<String, Object> latency(LatencyStats stats) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", stats.count());
        json.put("p50", seconds(stats.p50()));
        json.put("p95", seconds(stats.p95()));
        json.put("p99", seconds(stats.p99()));
        json.put("max", seconds(stats.max()));
        return json;
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
