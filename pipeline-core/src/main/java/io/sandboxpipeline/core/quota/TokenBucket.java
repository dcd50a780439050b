package io.sandboxpipeline.core.quota;

/**
 * A token bucket for one rate: tokens arrive steadily at {@code ratePerSecond} and the bucket holds one second's worth,
 * so a caller that was idle may burst for one second and no more.
 *
 * <p>A slow rate (an on-prem instance at 0.2/s, a quota of 60 per minute) would hold less than one token; it holds one
 * token plus a quarter second's refill instead. Callers only ask on punctuator ticks (every ~100 ms), and a bucket
 * capped at exactly one token would throw away what arrives between the moment it fills and the next tick: up to 9% of
 * a 1/s rate. The extra quarter second keeps the whole rate for ticks up to 250 ms apart.
 *
 * <p>Time is passed in. Several stream threads may pass slightly different wall-clock readings, so a time earlier than
 * the last refill adds nothing instead of moving the refill time backwards (which would mint tokens twice).
 *
 * <p>Not thread-safe on its own: {@link EndpointQuota} guards it.
 */
final class TokenBucket {

    private static final double BURST_SECONDS = 1.0;
    private static final double TICK_TOLERANCE_SECONDS = 0.25;

    private double ratePerSecond;
    private double capacity;
    private double tokens;
    private long refilledAtMs;

    /** A full bucket, so the first calls after a start go out at once. */
    TokenBucket(double ratePerSecond, long nowMs) {
        setRate(ratePerSecond, nowMs);
        this.tokens = capacity;
    }

    /** Changes the rate from now on; tokens beyond the new capacity are dropped. */
    void setRate(double ratePerSecond, long nowMs) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("a token bucket needs a positive finite rate, got " + ratePerSecond);
        }
        refill(nowMs);
        this.ratePerSecond = ratePerSecond;
        this.capacity = Math.max(ratePerSecond * BURST_SECONDS, 1.0 + ratePerSecond * TICK_TOLERANCE_SECONDS);
        this.tokens = Math.min(tokens, capacity);
    }

    /** True when a whole token is there (after refilling up to {@code nowMs}); nothing is taken. */
    boolean hasToken(long nowMs) {
        refill(nowMs);
        return tokens >= 1.0;
    }

    /** Takes one token if there is one. */
    boolean tryTake(long nowMs) {
        if (!hasToken(nowMs)) {
            return false;
        }
        tokens -= 1.0;
        return true;
    }

    double ratePerSecond() {
        return ratePerSecond;
    }

    private void refill(long nowMs) {
        if (nowMs > refilledAtMs) {
            tokens = Math.min(capacity, tokens + (nowMs - refilledAtMs) * ratePerSecond / 1000.0);
            refilledAtMs = nowMs;
        }
    }
}
