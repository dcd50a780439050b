package io.sandboxpipeline.bench;

import java.util.List;
import java.util.Optional;

/**
 * The backlog mode's targets: a pending backlog a hundred times larger may cost the submitter, the heap and live
 * events at most half as much again, the quota must be used, and reputation look-ups must be batched. Reported, never
 * adjusted to the result.
 */
final class BacklogTargets {

    static final double MAX_CPU_RATIO = 1.5;
    static final double MIN_QUOTA_UTILISATION = 0.95;
    static final double MAX_LIVE_LATENCY_RATIO = 1.5;
    static final double MAX_HEAP_RATIO = 1.5;
    static final double MAX_REPUTATION_CALLS_PER_UNIQUE_HASH = 0.05;

    private BacklogTargets() {
    }

    static List<Targets.Target> evaluate(BacklogResult r) {
        return List.of(
                atMost("cpuRatio", "submitter CPU/s, full backlog over small", r.cpuRatio(), MAX_CPU_RATIO),
                new Targets.Target("quotaUtilisation", "uploads/s over the upload quota (full backlog)",
                        ">= " + Targets.f2(MIN_QUOTA_UTILISATION), Targets.f2(r.quotaUtilisation()),
                        Optional.of(r.quotaUtilisation() >= MIN_QUOTA_UTILISATION)),
                liveLatency(r),
                atMost("heapRatio", "retained heap, full backlog over small", r.heapRatio(), MAX_HEAP_RATIO),
                atMost("reputationCallsPerUniqueHash", "reputation requests per distinct hash looked up",
                        r.reputation().callsPerUniqueHash(), MAX_REPUTATION_CALLS_PER_UNIQUE_HASH));
    }

    /** A ratio that is only a lower bound can show the target missed, never met. */
    private static Targets.Target liveLatency(BacklogResult r) {
        Targets.Target target = atMost("liveLatencyRatio", "live p99 latency, full backlog over idle",
                r.liveLatencyRatio(), MAX_LIVE_LATENCY_RATIO);
        if (!r.liveLatencyCensored()) {
            return target;
        }
        return new Targets.Target(target.id(), target.description(), target.target(),
                r.liveLatencyRatio().map(v -> "at least " + Targets.f2(v)).orElse("- (idle events without verdict)"),
                target.met().filter(met -> !met));
    }

    private static Targets.Target atMost(String id, String description, Optional<Double> measured, double limit) {
        return new Targets.Target(id, description, "<= " + Targets.f2(limit), measured.map(Targets::f2).orElse("-"),
                measured.map(value -> value <= limit));
    }
}
