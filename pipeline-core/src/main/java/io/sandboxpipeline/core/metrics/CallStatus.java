package io.sandboxpipeline.core.metrics;

import io.sandboxpipeline.client.SandboxException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The {@code status} tag of one Sandbox call: {@code 200} for an answer the client turned into a result, the HTTP
 * status of an error answer ({@code 404}, {@code 429}, {@code 503}), or the error kind when there was no usable HTTP
 * status ({@code TIMEOUT}, {@code CONNECTION}, {@code MALFORMED_RESPONSE}: a 2xx whose body was not the documented JSON).
 */
final class CallStatus {

    static final String SUCCESS = "200";
    static final String CANCELLED = "CANCELLED";
    /** A failure that is not a Sandbox error (a bug or a failed argument check in the caller). */
    static final String EXCEPTION = "EXCEPTION";

    private CallStatus() {
    }

    static String of(Throwable error) {
        if (error == null) {
            // the client also answers a reputation 404 with an "unknown" result (the contract is [?] there): still a result
            return SUCCESS;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof SandboxException sandbox) {
            return sandbox.status() >= 300 ? Integer.toString(sandbox.status()) : sandbox.kind().name();
        }
        return cause instanceof CancellationException ? CANCELLED : EXCEPTION;
    }

    static boolean isRateLimited(Throwable error) {
        return error != null && unwrap(error) instanceof SandboxException sandbox && sandbox.status() == 429;
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
