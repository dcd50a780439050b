package io.sandboxpipeline.tools.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Spaces events out to at most {@code perSecond}: each one may go at the earliest one interval after the previous
 * one's slot. A pause (a slow flush, a checkpoint) does not earn a burst afterwards beyond one slot.
 */
final class Pacer {

    /** Waits; the real one sleeps the thread, tests advance a clock instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private Instant nextSlot;

    Pacer(int perSecond, Clock clock, Sleeper sleeper) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("--rate must be at least 1 event per second, got " + perSecond);
        }
        this.interval = Duration.ofNanos(1_000_000_000L / perSecond);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Returns when the next event may go. */
    void acquire() throws InterruptedException {
        Instant now = clock.instant();
        if (nextSlot == null || nextSlot.isBefore(now)) {
            nextSlot = now;
        }
        Duration wait = Duration.between(now, nextSlot);
        if (!wait.isZero() && !wait.isNegative()) {
            sleeper.sleep(wait);
        }
        nextSlot = nextSlot.plus(interval);
    }

    /** The real sleeper: sleeps the whole duration, nanoseconds included. */
    static void sleepFor(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }
}
