package io.sandboxpipeline.bench;

import java.time.Duration;
import java.util.Map;

/**
 * One measured phase of the cache mode: events whose contents all have a verdict, published in one burst.
 *
 * @param carrySha256           whether the events carried sha256 and size (else the pipeline hashed every file)
 * @param events                events published
 * @param completed             events that reached a terminal record
 * @param duplicates            extra terminal records read during the phase (an event must end exactly once)
 * @param wall                  from the first publish to the last verdict read
 * @param steadyEventsPerSecond verdicts per second between the 10th and the 90th percentile of the verdicts'
 *                              arrival, i.e. without the first verdict's latency and the tail
 * @param calls                 Sandbox requests during the phase (0 for a pipeline that answers from its cache)
 * @param latency               publish-to-verdict latencies
 * @param heap                  peak heap during the phase
 * @param outcomes              events per outcome, e.g. {@code DONE NO_THREAT by CACHE}
 */
record CachePhase(boolean carrySha256, int events, int completed, int duplicates, Duration wall,
                  double steadyEventsPerSecond, CallCounts calls, LatencyStats latency, HeapWatch.Peak heap,
                  Map<String, Long> outcomes) {

    CachePhase {
        outcomes = Map.copyOf(outcomes);
    }

    boolean complete() {
        return completed == events && duplicates == 0;
    }

    /** Verdicts per second over the whole phase: the figure the target uses. */
    double eventsPerSecond() {
        return wall.isZero() ? 0.0 : completed / (wall.toNanos() / 1e9);
    }
}
