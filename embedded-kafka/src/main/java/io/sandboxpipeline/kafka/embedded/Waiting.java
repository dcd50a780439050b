package io.sandboxpipeline.kafka.embedded;

import java.time.Duration;

/** Polling a condition until it holds or a timeout passes, for the broker's readiness and its topics' leaders. */
final class Waiting {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private Waiting() {
    }

    /** A condition that may throw while the broker is not ready yet (the exception is kept for the timeout message). */
    @FunctionalInterface
    interface Check {
        boolean passes() throws Exception;
    }

    static void until(Duration timeout, String what, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.passes()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            } catch (Exception e) {
                last = e;
            }
            pause(RETRY_PAUSE);
        }
        throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (last == null ? "" : ": " + last.getMessage()), last);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }
}
