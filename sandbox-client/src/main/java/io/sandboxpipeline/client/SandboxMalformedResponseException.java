package io.sandboxpipeline.client;

/** The service answered 2xx, but the body is not the JSON the API documents. Retryable. */
public final class SandboxMalformedResponseException extends SandboxException {

    private static final long serialVersionUID = 1L;

    /**
     * @param status the HTTP status of the unusable answer
     * @param endpoint method and template, e.g. {@code GET /api/scan/{flow_id}/report}
     * @param problem what is wrong, e.g. "body is not JSON". Must not contain secrets.
     * @param cause the parse failure, may be null
     */
    public SandboxMalformedResponseException(int status, String endpoint, String problem, Throwable cause) {
        super(ErrorKind.MALFORMED_RESPONSE, status, endpoint, null,
                describe(endpoint, status, ErrorKind.MALFORMED_RESPONSE, problem, null), cause);
    }
}
