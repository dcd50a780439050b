package io.sandboxpipeline.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * What the backlog mode measured, with the ratios its targets are set on. A ratio whose divisor is zero is empty.
 *
 * @param small       the window with about {@code --backlog-small} events pending
 * @param large       the window with the whole backlog pending
 * @param smallIngest how long the submitter took to read the small part of the backlog
 * @param largeIngest how long it took to read the rest
 * @param ingested    whether the submitter read each part within {@code --backlog-ingest-timeout}
 * @param live        the live events' latencies, by the phase they were published in
 * @param reputation  the reputation look-ups from the first backlog event to the end of the large window
 */
record BacklogResult(BacklogSpec spec, Window small, Window large, Duration smallIngest, Duration largeIngest,
                     boolean ingested, LiveTraffic.Latencies live, Reputation reputation, boolean exactlyOnce) {

    /**
     * One measured window.
     *
     * @param pendingAtStart         backlog events published and not yet uploaded when the window began (uploads of
     *                               live events, a few, are counted as backlog uploads, so this may be a little low)
     * @param submitterCpuPerSecond  CPU seconds of the submitter's stream threads per wall second ({@link SubmitterCpu})
     * @param processCpuPerSecond    CPU seconds of the whole JVM (broker, emulator, all stages, the benchmark) per wall
     *                               second, for context
     * @param uploads                uploads the emulator accepted in the window (live ones included)
     * @param uploadRequests         upload requests it received, 429s included
     * @param refused                upload requests it answered 429
     * @param retainedHeapBefore     heap in use right after a full collection, just before the window
     * @param retainedHeapAfter      the same, just after it
     */
    record Window(Duration length, long pendingAtStart, double submitterCpuPerSecond, double processCpuPerSecond,
                  long uploads, long uploadRequests, long refused, long retainedHeapBefore, long retainedHeapAfter) {

        double uploadsPerSecond() {
            return length.isZero() ? 0.0 : uploads / (length.toNanos() / 1e9);
        }

        /** The larger of the two retained-heap readings: the window's retained-heap peak as far as it was sampled. */
        long retainedHeapPeak() {
            return Math.max(retainedHeapBefore, retainedHeapAfter);
        }
    }

    /**
     * Reputation look-ups of the backlog (live events' look-ups in the same time included: one per live event).
     *
     * @param calls          requests to {@code GET} and bulk {@code POST /api/reputation/hash}
     * @param hashesAsked    hashes those requests asked about, repeats included
     * @param distinctHashes distinct hashes first asked about in that time
     */
    record Reputation(long calls, long hashesAsked, long distinctHashes) {

        Optional<Double> callsPerUniqueHash() {
            return ratio(calls, distinctHashes);
        }
    }

    /** Submitter CPU per second with the whole backlog pending over the same with the small part pending. */
    Optional<Double> cpuRatio() {
        return ratio(large.submitterCpuPerSecond(), small.submitterCpuPerSecond());
    }

    /** Uploads per second in the large window over the quota. */
    double quotaUtilisation() {
        return large.uploadsPerSecond() / spec.quota();
    }

    /**
     * The p99 latency of live events published in the large window over that of live events with no backlog. When
     * some large-window events had no verdict in time, the ratio is a lower bound (see {@link #liveLatencyCensored}).
     */
    Optional<Double> liveLatencyRatio() {
        if (live.missing(BacklogPhase.IDLE) > 0) {
            // the divisor would be a lower bound too: the ratio could be anything
            return Optional.empty();
        }
        return ratio(seconds(live.of(BacklogPhase.LARGE).p99()), seconds(live.of(BacklogPhase.IDLE).p99()));
    }

    /** Whether some live events of the large window had no verdict in time (their latencies are lower bounds). */
    boolean liveLatencyCensored() {
        return live.missing(BacklogPhase.LARGE) > 0 || live.missing(BacklogPhase.IDLE) > 0;
    }

    /** The retained-heap peak of the large window over that of the small window. */
    Optional<Double> heapRatio() {
        return ratio(large.retainedHeapPeak(), small.retainedHeapPeak());
    }

    /**
     * Whether the windows measured what they claim: the submitter read both parts of the backlog in time. Live events
     * without a verdict are a result of the pipeline (reported, with lower-bound latencies), not an incomplete run.
     */
    boolean complete() {
        return ingested;
    }

    static Optional<Double> ratio(double dividend, double divisor) {
        return divisor > 0 && Double.isFinite(dividend) ? Optional.of(dividend / divisor) : Optional.empty();
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
