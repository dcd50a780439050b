package io.sandboxpipeline.bench;

import io.sandboxpipeline.emulator.Endpoint;
import java.time.Duration;

/**
 * The makespan a workload cannot beat by much, as the benchmark's issue defines it: the scan duration, one poll
 * interval ({@code max(2 s, pollPause)}) and the upload latency; or, when a quota binds, the time the quota needs to
 * let one upload per unique hash through ({@code unique / quota}), whichever is longer.
 */
final class MakespanBound {

    private MakespanBound() {
    }

    static Duration of(SandboxSpec spec, int uniqueHashes) {
        Duration scanBound = spec.scanDuration()
                .plus(MinPolls.pipelineInterval(spec.pollPause()))
                .plus(spec.latencyOf(Endpoint.SCAN_FILE));
        if (!spec.hasQuota()) {
            return scanBound;
        }
        Duration quotaBound = Duration.ofMillis((long) Math.ceil(uniqueHashes / spec.quotaRps() * 1000));
        return quotaBound.compareTo(scanBound) > 0 ? quotaBound : scanBound;
    }
}
