package io.sandboxpipeline.core.async;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: {@code initial * 2^(failures-1)}, capped, then spread by +/-20% so that many
 * retries after one outage do not arrive together. A server's {@code Retry-After} is a floor, never shortened.
 *
 * @param initial first delay
 * @param max     largest delay
 * @param random  source of jitter (injected so tests are deterministic)
 */
public record Backoff(Duration initial, Duration max, RandomGenerator random) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(random, "random");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The delay before retry number {@code failures} (1 for the first retry). */
    public Duration delay(int failures, Optional<Duration> retryAfter) {
        int exponent = Math.max(0, Math.min(failures - 1, 30));
        long base = Math.min(max.toMillis(), initial.toMillis() * (1L << exponent));
        double jitter = 0.8 + 0.4 * random.nextDouble();
        long delay = Math.max(1, Math.round(base * jitter));
        long floor = retryAfter.map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.max(delay, floor));
    }
}
