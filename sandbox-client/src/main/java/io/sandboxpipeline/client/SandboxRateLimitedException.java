package io.sandboxpipeline.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** HTTP 429: an API quota was exceeded. Retryable; wait {@link #retryAfter()} when the service said how long. */
public final class SandboxRateLimitedException extends SandboxException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param endpoint method and template, e.g. {@code POST /api/scan/file}
     * @param retryAfter the parsed {@code Retry-After}, empty when absent or unparsable; never negative
     * @param detail the service's {@code detail}; may be null. Must not contain secrets.
     */
    public SandboxRateLimitedException(String endpoint, Optional<Duration> retryAfter, String detail) {
        super(ErrorKind.RATE_LIMITED, 429, endpoint, detail,
                describe(endpoint, 429, ErrorKind.RATE_LIMITED, detail, hint(retryAfter)), null);
        Objects.requireNonNull(retryAfter, "retryAfter must not be null (use Optional.empty())");
        if (retryAfter.isPresent() && retryAfter.get().isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, got " + retryAfter.get());
        }
        this.retryAfter = retryAfter.orElse(null);
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static String hint(Optional<Duration> retryAfter) {
        return retryAfter == null || retryAfter.isEmpty()
                ? "no Retry-After given; back off before retrying"
                : "retry after " + retryAfter.get().toSeconds() + " s";
    }
}
