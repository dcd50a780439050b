package io.sandboxpipeline.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Request quota: a token bucket refilled at {@code ratePerSecond} by the emulator's clock, holding one second's worth
 * of tokens (at least one). A fixed test clock never refills it, which makes quota tests deterministic.
 */
final class QuotaBucket {

    private final Clock clock;
    private final double ratePerSecond;
    private final double capacity;
    private double tokens;
    private Instant refilledAt;

    QuotaBucket(Clock clock, double ratePerSecond) {
        this.clock = clock;
        this.ratePerSecond = ratePerSecond;
        this.capacity = Math.max(1, ratePerSecond);
        this.tokens = capacity;
        this.refilledAt = clock.instant();
    }

    double ratePerSecond() {
        return ratePerSecond;
    }

    /** Takes a token; when none is left, returns the whole seconds (at least 1) until one will be. */
    synchronized OptionalLong tryAcquire() {
        Instant now = clock.instant();
        Duration elapsed = Duration.between(refilledAt, now);
        if (!elapsed.isNegative()) {
            tokens = Math.min(capacity, tokens + elapsed.toNanos() / 1e9 * ratePerSecond);
            refilledAt = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (long) Math.ceil((1 - tokens) / ratePerSecond)));
    }
}
