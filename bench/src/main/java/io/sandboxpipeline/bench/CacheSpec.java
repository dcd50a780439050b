package io.sandboxpipeline.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * The cache-hit measurement: {@code unique} contents are scanned once (the warm-up), then {@code events} events with
 * those contents are published and timed, once with events that carry sha256 and size and once with events that do
 * not (the pipeline then hashes every file); every one of them has a verdict the pipeline decided before.
 *
 * @param events  measured events of each phase
 * @param unique  distinct contents (each scanned once in the warm-up)
 * @param timeout how long the warm-up and each measured phase may take
 */
record CacheSpec(int events, int unique, Duration timeout) {

    CacheSpec {
        if (events < 1) {
            throw new IllegalArgumentException("--cache-events must be at least 1, but was " + events);
        }
        if (unique < 1 || unique > events) {
            throw new IllegalArgumentException("--cache-unique must be between 1 and --cache-events (" + events
                    + "), but was " + unique);
        }
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--cache-timeout must be positive, but was " + timeout);
        }
    }
}
