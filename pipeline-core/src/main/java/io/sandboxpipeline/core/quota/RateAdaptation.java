package io.sandboxpipeline.core.quota;

import java.time.Duration;
import java.util.Optional;

/**
 * How one endpoint reacts to 429: additive increase, multiplicative decrease (AIMD, as TCP does), because the real
 * quota is unknown ([?] the numbers for filescan.io keys are not published, and on-prem admins set their own): a 429
 * pauses the endpoint and halves its rate at once, down to a floor of 10% of the configured rate so the limiter keeps
 * probing instead of starving; every later success adds back 2% of the configured rate, so the rate climbs slowly
 * towards the configured value and settles just under the real quota.
 *
 * <p>Only the first 429 of a pause lowers the rate: the calls that were already in flight when the quota ran out answer
 * 429 too, and counting each would drive the rate to the floor after one incident. For the same reason successes that
 * complete during a pause (dispatched before it) do not recover anything.
 *
 * <p>{@code Retry-After} is not documented for this service [?]: when it is missing (or not positive) the pause is a
 * short backoff of 1 s doubling with every 429 in a row, up to 60 s. A value is honoured but capped at 10 minutes, so a
 * bogus header cannot freeze the stage; if the quota is still used up afterwards, the next 429 pauses again.
 *
 * <p>Not thread-safe on its own: {@link EndpointQuota} guards it.
 */
final class RateAdaptation {

    static final double DECREASE_FACTOR = 0.5;
    static final double FLOOR = 0.1;
    static final double RECOVERY_STEP = 0.02;
    static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);
    static final Duration MAX_DEFAULT_PAUSE = Duration.ofSeconds(60);
    static final Duration MAX_PAUSE = Duration.ofMinutes(10);

    private double factor = 1.0;
    private long pausedUntilMs;
    private int rateLimitedInARow;
    private long rateLimitedCount;

    /** Records a 429; returns true when the rate factor went down (the caller then lowers its buckets). */
    boolean onRateLimited(Optional<Duration> retryAfter, long nowMs) {
        rateLimitedCount++;
        boolean newIncident = !isPaused(nowMs);
        if (newIncident) {
            rateLimitedInARow++;
            factor = Math.max(FLOOR, factor * DECREASE_FACTOR);
        }
        pausedUntilMs = Math.max(pausedUntilMs, nowMs + pauseMs(retryAfter));
        return newIncident;
    }

    /** Records a success; returns true when the rate factor went up. */
    boolean onSuccess(long nowMs) {
        if (isPaused(nowMs)) {
            return false;
        }
        rateLimitedInARow = 0;
        if (factor >= 1.0) {
            return false;
        }
        factor = Math.min(1.0, factor + RECOVERY_STEP);
        return true;
    }

    private long pauseMs(Optional<Duration> retryAfter) {
        Optional<Duration> usable = retryAfter.filter(d -> !d.isNegative() && !d.isZero());
        if (usable.isPresent()) {
            return Math.min(usable.get().toMillis(), MAX_PAUSE.toMillis());
        }
        int doublings = Math.min(Math.max(rateLimitedInARow - 1, 0), 16);
        return Math.min(DEFAULT_PAUSE.toMillis() << doublings, MAX_DEFAULT_PAUSE.toMillis());
    }

    boolean isPaused(long nowMs) {
        return nowMs < pausedUntilMs;
    }

    /** The share (0.1..1) of the configured rate in use now. */
    double factor() {
        return factor;
    }

    long pausedUntilMs() {
        return pausedUntilMs;
    }

    long rateLimitedCount() {
        return rateLimitedCount;
    }
}
