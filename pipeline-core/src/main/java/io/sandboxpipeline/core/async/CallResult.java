package io.sandboxpipeline.core.async;

import io.sandboxpipeline.client.SandboxException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The result of one async call as data: a value, or the error it failed with. Sandbox errors are data, not
 * exceptions: the stream thread inspects them and decides (retry, dead-letter, outcome).
 */
public sealed interface CallResult<R> {

    record Success<R>(R value) implements CallResult<R> {
    }

    record Failure<R>(Throwable error) implements CallResult<R> {

        public Failure {
            error = unwrap(error);
        }

        /** The Sandbox error, when the call failed with one. */
        public Optional<SandboxException> sandboxError() {
            return error instanceof SandboxException e ? Optional.of(e) : Optional.empty();
        }

        /** A short, secret-free description fit for an outcome's reason. */
        public String describe() {
            if (error instanceof SandboxException e) {
                return e.getMessage();
            }
            String message = error.getMessage();
            return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        }

        private static Throwable unwrap(Throwable error) {
            Throwable current = error;
            while ((current instanceof CompletionException || current instanceof ExecutionException) && current.getCause() != null) {
                current = current.getCause();
            }
            return current;
        }
    }
}
