package io.sandboxpipeline.bench;

import java.time.Duration;

/**
 * The report polls the Sandbox allows a well-behaved client, from what the service asks of clients
 * ({@code docs/sandbox-api/README.md} section 4.3), not from any client's own schedule: the Workflow Guide's
 * "recommended polling frequency is 2 seconds" sets the first poll 2 s after the upload's answer (the answer carries no
 * {@code pollPause} yet), and every later poll waits at least {@code max(2 s, pollPause)} after the one before. A client
 * that polls as early as these rules allow sees a finished scan at the first allowed poll at or after its finish; no
 * well-behaved client sees it sooner. The bench's figures hold the pipeline to this schedule, so a pipeline that changed
 * its own schedule (polling sooner, or later) would show in them.
 *
 * @param firstWait from the upload's answer to the first poll
 * @param interval  from one poll to the next
 */
record ServicePolling(Duration firstWait, Duration interval) {

    /** The Workflow Guide's "recommended polling frequency is 2 seconds". */
    static final Duration GUIDE_PACE = Duration.ofSeconds(2);

    ServicePolling {
        if (firstWait.isNegative()) {
            throw new IllegalArgumentException("firstWait must not be negative, but was " + firstWait);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, but was " + interval);
        }
    }

    /** The rules for reports that ask for {@code pollPause} seconds between polls. */
    static ServicePolling forPollPause(int pollPauseSeconds) {
        Duration pause = Duration.ofSeconds(pollPauseSeconds);
        return new ServicePolling(GUIDE_PACE, pause.compareTo(GUIDE_PACE) > 0 ? pause : GUIDE_PACE);
    }

    /** The n-th allowed poll (n = 1 for the first), measured from the upload's answer. */
    Duration poll(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("polls are counted from 1, but was " + n);
        }
        return firstWait.plus(interval.multipliedBy(n - 1L));
    }

    /**
     * How many polls an eager well-behaved client makes until one sees a scan that is finished {@code ready} after the
     * upload's answer: 1 if it is ready by the first poll, else {@code 1 + ceil((ready - firstWait) / interval)}.
     */
    int pollsUntil(Duration ready) {
        long remainingNanos = ready.minus(firstWait).toNanos();
        if (remainingNanos <= 0) {
            return 1;
        }
        long intervalNanos = interval.toNanos();
        return (int) (1 + (remainingNanos + intervalNanos - 1) / intervalNanos);
    }

    /** The first allowed poll at or after {@code ready}, both measured from the upload's answer. */
    Duration firstPollAtOrAfter(Duration ready) {
        return poll(pollsUntil(ready));
    }
}
