package io.sandboxpipeline.bench;

import io.sandboxpipeline.client.SandboxException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Runs one Sandbox call the way a script would: wait for the answer, and on a retryable failure (429, 5xx, timeout)
 * wait as long as the service asked ({@code Retry-After}), else one second, and try again.
 */
final class SandboxCalls {

    static final int MAX_ATTEMPTS = 30;
    private static final Duration DEFAULT_RETRY_PAUSE = Duration.ofSeconds(1);

    private SandboxCalls() {
    }

    static <T> T await(Supplier<CompletableFuture<T>> call) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get().join();
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof SandboxException failure) || !failure.retryable() || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(failure.retryAfter().orElse(DEFAULT_RETRY_PAUSE).toMillis());
            }
        }
    }
}
