package io.sandboxpipeline.client;

/** What went wrong with a Sandbox call, so callers can {@code switch} on {@link SandboxException#kind()}. */
public enum ErrorKind {
    /** HTTP 401: the key is missing or rejected. Not retryable; nothing else will work with this key. */
    UNAUTHORIZED(false),
    /**
     * HTTP 403: this one request is not allowed (an option or profile the account may not use, another user's private
     * report) [I: the service documents 403 without saying when]. Not retryable, but other requests may well work.
     */
    FORBIDDEN(false),
    /** HTTP 404, e.g. an unknown flow id. */
    NOT_FOUND(false),
    /** HTTP 413: the upload is larger than the service's {@code maxUploadSize}. */
    PAYLOAD_TOO_LARGE(false),
    /** HTTP 422 with FastAPI's validation details. */
    VALIDATION(false),
    /** HTTP 429: a quota was exceeded; see {@link SandboxException#retryAfter()}. Retryable. */
    RATE_LIMITED(true),
    /** HTTP 400 and every other 4xx (e.g. 415), plus unexpected 1xx/3xx answers. */
    BAD_REQUEST(false),
    /** HTTP 5xx, JSON or plain text. Retryable. */
    SERVER_ERROR(true),
    /** Connect, read, write or whole-call timeout (no HTTP status), or HTTP 408. Retryable. */
    TIMEOUT(true),
    /** No HTTP exchange: refused, reset, DNS or TLS failure, cancelled, or the upload content could not be read. Retryable. */
    CONNECTION(true),
    /** A 2xx answer whose body is not the JSON the API documents. Retryable. */
    MALFORMED_RESPONSE(true);

    private final boolean retryable;

    ErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether trying the same call again later can succeed. */
    public boolean retryable() {
        return retryable;
    }
}
