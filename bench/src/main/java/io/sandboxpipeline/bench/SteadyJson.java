package io.sandboxpipeline.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code steady} object of the {@code --json} document (see {@link BenchJson}). */
final class SteadyJson {

    private SteadyJson() {
    }

    static Map<String, Object> of(SteadyBench.Result r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ratePerSecond", r.spec().ratePerSecond());
        json.put("durationSeconds", BenchJson.seconds(r.spec().duration()));
        json.put("quotaRps", r.spec().quotaRps());
        json.put("events", r.workload().events());
        json.put("uniqueHashes", r.workload().unique());
        json.put("knownUniqueHashes", r.workload().knownUnique());
        json.put("pipelineSettings", r.pipelineSettings());
        json.put("pipeline", system(r.pipeline()));
        json.put("pool", system(r.pool()));
        return json;
    }

    private static Map<String, Object> system(SteadyResult s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("events", s.events());
        json.put("uniqueHashes", s.uniqueHashes());
        json.put("scannedHashes", s.scanned());
        json.put("completed", s.completed());
        json.put("complete", s.complete());
        json.put("duplicateTerminalRecords", s.duplicates());
        json.put("wallSeconds", BenchJson.seconds(s.wall()));
        json.put("sandboxCalls", BenchJson.calls(s.calls()));
        json.put("responsesByStatus", BenchJson.statuses(s.calls()));
        json.put("sandboxCallsPerVerdict", s.callsPerVerdict());
        json.put("uploads", s.uploads());
        json.put("latencySeconds", BenchJson.latency(s.latency()));
        json.put("outcomes", s.outcomes());
        return json;
    }
}
