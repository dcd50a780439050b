package io.sandboxpipeline.client;

import java.util.EnumSet;
import java.util.Set;

/**
 * The service answered with an error status that needs no extra data: UNAUTHORIZED (401), FORBIDDEN (403), NOT_FOUND (404),
 * PAYLOAD_TOO_LARGE (413), BAD_REQUEST (400 and other 4xx) or SERVER_ERROR (5xx).
 */
public final class SandboxHttpException extends SandboxException {

    private static final long serialVersionUID = 1L;

    private static final Set<ErrorKind> KINDS = EnumSet.of(ErrorKind.UNAUTHORIZED, ErrorKind.FORBIDDEN, ErrorKind.NOT_FOUND,
            ErrorKind.PAYLOAD_TOO_LARGE, ErrorKind.BAD_REQUEST, ErrorKind.SERVER_ERROR, ErrorKind.TIMEOUT);

    /**
     * @param kind one of UNAUTHORIZED, FORBIDDEN, NOT_FOUND, PAYLOAD_TOO_LARGE, BAD_REQUEST, SERVER_ERROR, or TIMEOUT for HTTP 408
     * @param status the HTTP status (100-599)
     * @param endpoint method and template, e.g. {@code GET /api/scan/{flow_id}/report}
     * @param detail the service's {@code detail} or plain-text body; may be null. Must not contain secrets.
     */
    public SandboxHttpException(ErrorKind kind, int status, String endpoint, String detail) {
        super(checkKind(kind), checkStatus(status), endpoint, detail,
                describe(endpoint, status, kind, detail, hint(kind)), null);
    }

    private static ErrorKind checkKind(ErrorKind kind) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("SandboxHttpException takes one of " + KINDS + ", not " + kind
                    + "; use the dedicated subclass");
        }
        return kind;
    }

    private static int checkStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status (100-599), got " + status);
        }
        return status;
    }

    private static String hint(ErrorKind kind) {
        return switch (kind) {
            case UNAUTHORIZED -> "check the API key sent as X-Api-Key";
            case FORBIDDEN -> "the account may not do this: check the scan options (scan_profile, scan_engine) or whose report it is";
            case PAYLOAD_TOO_LARGE -> "the file exceeds the service's maxUploadSize, see GET /api/system/config";
            default -> null;
        };
    }
}
