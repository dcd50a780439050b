package io.sandboxpipeline.client.internal;

/** A 2xx body that is JSON but lacks what the API documents; becomes a MALFORMED_RESPONSE. */
public final class ResponseShapeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ResponseShapeException(String message) {
        super(message);
    }
}
