package io.sandboxpipeline.app.chaos;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; the condition's own work (e.g. a Kafka poll) paces it. */
final class Await {

    private Await() {
    }

    /**
     * @param progress describes the state so far, for the failure message
     * @throws AssertionError if {@code condition} does not hold within {@code timeout}
     */
    static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + ": "
                        + progress.get());
            }
        }
    }
}
