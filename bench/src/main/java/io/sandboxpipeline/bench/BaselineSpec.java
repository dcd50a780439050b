package io.sandboxpipeline.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * How the two scripted baselines run the Workflow Guide.
 *
 * @param poolThreads      worker threads of the pool baseline (one task per event)
 * @param sequentialEvents the sequential baseline runs this prefix of the events (it is too slow for all of them)
 * @param pollInterval     pause between two report polls of a script (the Workflow Guide's 2 s)
 * @param timeout          a baseline still running after this is stopped and reported incomplete
 */
record BaselineSpec(int poolThreads, int sequentialEvents, Duration pollInterval, Duration timeout) {

    /** The Workflow Guide's "recommended polling frequency is 2 seconds". */
    static final Duration WORKFLOW_GUIDE_POLL_INTERVAL = Duration.ofSeconds(2);

    BaselineSpec {
        if (poolThreads < 1) {
            throw new IllegalArgumentException("--pool-threads must be at least 1, but was " + poolThreads);
        }
        if (sequentialEvents < 1) {
            throw new IllegalArgumentException("--sequential-events must be at least 1, but was " + sequentialEvents);
        }
        Objects.requireNonNull(pollInterval, "pollInterval must not be null");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("--baseline-poll-interval must be positive, but was " + pollInterval);
        }
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive, but was " + timeout);
        }
    }
}
