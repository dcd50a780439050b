package io.sandboxpipeline.client;

/** No usable HTTP response: TIMEOUT or CONNECTION. {@link #status()} is 0. Retryable. */
public final class SandboxTransportException extends SandboxException {

    private static final long serialVersionUID = 1L;

    /**
     * @param kind TIMEOUT or CONNECTION
     * @param endpoint method and template, e.g. {@code GET /api/users/me}
     * @param problem what happened, e.g. "read timed out after PT1M". Must not contain secrets.
     * @param cause the I/O failure, may be null
     */
    public SandboxTransportException(ErrorKind kind, String endpoint, String problem, Throwable cause) {
        super(checkKind(kind), 0, endpoint, null, describe(endpoint, 0, kind, problem, null), cause);
    }

    private static ErrorKind checkKind(ErrorKind kind) {
        if (kind != ErrorKind.TIMEOUT && kind != ErrorKind.CONNECTION) {
            throw new IllegalArgumentException("SandboxTransportException takes TIMEOUT or CONNECTION, not " + kind);
        }
        return kind;
    }
}
