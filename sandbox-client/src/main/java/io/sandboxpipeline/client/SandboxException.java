package io.sandboxpipeline.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a Sandbox call failed. Futures returned by {@link SandboxClient} complete exceptionally with an instance of this
 * class itself. Switch on {@link #kind()}; {@link #retryAfter()} and {@link #validationErrors()} are available on every
 * instance (empty where they do not apply), so no {@code instanceof} is needed.
 *
 * <p>Neither the message nor anything reachable from it contains the API key, and {@link #endpoint()} is the endpoint
 * template without path or query values, e.g. {@code GET /api/scan/{flow_id}/report}.
 */
public abstract sealed class SandboxException extends RuntimeException
        permits SandboxHttpException, SandboxValidationException, SandboxRateLimitedException,
                SandboxTransportException, SandboxMalformedResponseException {

    private static final long serialVersionUID = 1L;

    /** Longest {@code detail} kept from an error body. */
    public static final int MAX_DETAIL_LENGTH = 300;

    private final ErrorKind kind;
    private final int status;
    private final String endpoint;
    private final String detail;

    SandboxException(ErrorKind kind, int status, String endpoint, String detail, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.detail = truncate(detail);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no HTTP response was received. */
    public int status() {
        return status;
    }

    /** Whether the same call may succeed later (TIMEOUT, CONNECTION, SERVER_ERROR, RATE_LIMITED, MALFORMED_RESPONSE). */
    public boolean retryable() {
        return kind.retryable();
    }

    /** Method and endpoint template, e.g. {@code POST /api/scan/file}; never holds path or query values. */
    public String endpoint() {
        return endpoint;
    }

    /** The service's {@code detail} (or plain-text body), cut to {@value #MAX_DETAIL_LENGTH} characters. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /** How long the service asked to wait (HTTP 429 with {@code Retry-After}); empty otherwise. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** The field errors of an HTTP 422; empty otherwise. */
    public List<ValidationError> validationErrors() {
        return List.of();
    }

    static String truncate(String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.length() <= MAX_DETAIL_LENGTH ? stripped : stripped.substring(0, MAX_DETAIL_LENGTH) + "...";
    }

    static String describe(String endpoint, int status, ErrorKind kind, String detail, String hint) {
        StringBuilder message = new StringBuilder(endpoint).append(" failed: ");
        message.append(status > 0 ? "HTTP " + status + " " : "").append(kind);
        String shortDetail = truncate(detail);
        if (shortDetail != null && !shortDetail.isEmpty()) {
            message.append(": ").append(shortDetail);
        }
        if (hint != null) {
            message.append(" (").append(hint).append(')');
        }
        return message.toString();
    }
}
