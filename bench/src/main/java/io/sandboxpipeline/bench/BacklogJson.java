package io.sandboxpipeline.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code backlog} object of the {@code --json} document. A ratio whose divisor was zero is {@code null}. Seconds,
 * MiB (of 2^20 bytes) and rates per second.
 */
final class BacklogJson {

    private BacklogJson() {
    }

    static Map<String, Object> of(BacklogResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", settings(r));
        json.put("complete", r.complete());
        json.put("submitterCpuSecondsPerSecondSmall", r.small().submitterCpuPerSecond());
        json.put("submitterCpuSecondsPerSecondLarge", r.large().submitterCpuPerSecond());
        json.put("cpuRatio", r.cpuRatio().orElse(null));
        json.put("processCpuSecondsPerSecondSmall", r.small().processCpuPerSecond());
        json.put("processCpuSecondsPerSecondLarge", r.large().processCpuPerSecond());
        json.put("uploadsPerSecond", r.large().uploadsPerSecond());
        json.put("quotaUtilisation", r.quotaUtilisation());
        json.put("uploadsPerSecondSmall", r.small().uploadsPerSecond());
        json.put("liveLatencyP99Seconds", BacklogResult.seconds(r.live().of(BacklogPhase.LARGE).p99()));
        json.put("idleLatencyP99Seconds", BacklogResult.seconds(r.live().of(BacklogPhase.IDLE).p99()));
        json.put("liveLatencyRatio", r.liveLatencyRatio().orElse(null));
        json.put("liveLatencyIsLowerBound", r.liveLatencyCensored());
        json.put("heapPeakMiBSmall", mib(r.small().retainedHeapPeak()));
        json.put("heapPeakMiBLarge", mib(r.large().retainedHeapPeak()));
        json.put("heapRatio", r.heapRatio().orElse(null));
        json.put("reputationCalls", r.reputation().calls());
        json.put("reputationHashesAsked", r.reputation().hashesAsked());
        json.put("reputationDistinctHashes", r.reputation().distinctHashes());
        json.put("reputationCallsPerUniqueHash", r.reputation().callsPerUniqueHash().orElse(null));
        json.put("ingestSecondsSmall", BacklogResult.seconds(r.smallIngest()));
        json.put("ingestSecondsLarge", BacklogResult.seconds(r.largeIngest()));
        json.put("ingested", r.ingested());
        json.put("windows", Map.of("small", window(r.small()), "large", window(r.large())));
        json.put("liveLatencySeconds", liveLatency(r.live()));
        json.put("targets", targets(r));
        return json;
    }

    private static Map<String, Object> settings(BacklogResult r) {
        BacklogSpec s = r.spec();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("events", s.events());
        json.put("smallEvents", s.smallEvents());
        json.put("quotaUploadsPerSecond", s.quota());
        json.put("sandboxEnforcesQuota", s.sandboxEnforces());
        json.put("liveIntervalSeconds", BacklogResult.seconds(s.liveInterval()));
        json.put("idleSeconds", BacklogResult.seconds(s.idle()));
        json.put("windowSeconds", BacklogResult.seconds(s.window()));
        json.put("ingestTimeoutSeconds", BacklogResult.seconds(s.ingestTimeout()));
        json.put("drainTimeoutSeconds", BacklogResult.seconds(s.drainTimeout()));
        json.put("fileSizeBytes", s.fileSize());
        json.put("seed", s.seed());
        json.put("backlogEventsCarrySha256", true);
        json.put("liveEventsCarrySha256", false);
        json.put("exactlyOnce", r.exactlyOnce());
        return json;
    }

    private static Map<String, Object> window(BacklogResult.Window w) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seconds", BacklogResult.seconds(w.length()));
        json.put("pendingAtStart", w.pendingAtStart());
        json.put("submitterCpuSecondsPerSecond", w.submitterCpuPerSecond());
        json.put("processCpuSecondsPerSecond", w.processCpuPerSecond());
        json.put("uploads", w.uploads());
        json.put("uploadsPerSecond", w.uploadsPerSecond());
        json.put("uploadRequests", w.uploadRequests());
        json.put("answered429", w.refused());
        json.put("retainedHeapBytesBefore", w.retainedHeapBefore());
        json.put("retainedHeapBytesAfter", w.retainedHeapAfter());
        return json;
    }

    private static Map<String, Object> liveLatency(LiveTraffic.Latencies latencies) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (BacklogPhase phase : BacklogPhase.values()) {
            Map<String, Object> stats = BenchJson.latency(latencies.of(phase));
            stats.put("withoutVerdict", latencies.missing(phase));
            json.put(camel(phase), stats);
        }
        json.put("duplicateVerdicts", latencies.duplicates());
        return json;
    }

    private static Map<String, Object> targets(BacklogResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Targets.Target target : BacklogTargets.evaluate(r)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("description", target.description());
            entry.put("target", target.target());
            entry.put("measured", target.measured());
            entry.put("met", target.met().orElse(null));
            json.put(target.id(), entry);
        }
        return json;
    }

    /** {@code SMALL_INGEST} as {@code smallIngest}. */
    static String camel(BacklogPhase phase) {
        String[] words = phase.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    private static double mib(long bytes) {
        return Math.round(bytes / 1048576.0 * 10) / 10.0;
    }
}
