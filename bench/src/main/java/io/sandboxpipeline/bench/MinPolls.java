package io.sandboxpipeline.bench;

import java.time.Duration;

/**
 * The fewest report polls that can see a scan finished, for a poller that polls first {@code firstPoll} after the
 * upload and then every {@code interval}: polls happen at {@code firstPoll + k * interval} (k = 0, 1, ...), and the
 * scan is finished from {@code scanDuration} after the upload on, so the n-th poll is the first to see it finished
 * when {@code firstPoll + (n - 1) * interval >= scanDuration}:
 * <pre>
 *   n = 1                                              if scanDuration <= firstPoll
 *   n = 1 + ceil((scanDuration - firstPoll) / interval) otherwise
 * </pre>
 * The pipeline's poller waits 2 s before the first poll and {@code max(2 s, pollPause)} between polls.
 */
final class MinPolls {

    /** The poller's first poll and smallest interval: the Workflow Guide's recommended 2 s. */
    static final Duration PIPELINE_FIRST_POLL = Duration.ofSeconds(2);

    private MinPolls() {
    }

    static int of(Duration scanDuration, Duration firstPoll, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, but was " + interval);
        }
        long remainingMs = scanDuration.minus(firstPoll).toMillis();
        if (remainingMs <= 0) {
            return 1;
        }
        long intervalMs = interval.toMillis();
        return (int) (1 + (remainingMs + intervalMs - 1) / intervalMs);
    }

    /** The pipeline's poll interval: {@code max(2 s, pollPause)}. */
    static Duration pipelineInterval(int pollPauseSeconds) {
        Duration pause = Duration.ofSeconds(pollPauseSeconds);
        return pause.compareTo(PIPELINE_FIRST_POLL) > 0 ? pause : PIPELINE_FIRST_POLL;
    }

    static int forPipeline(Duration scanDuration, int pollPauseSeconds) {
        return of(scanDuration, PIPELINE_FIRST_POLL, pipelineInterval(pollPauseSeconds));
    }
}
