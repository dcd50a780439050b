package io.sandboxpipeline.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A registry request the registry refuses, with the HTTP status and Confluent error code it answers over REST (e.g.
 * 409 for an incompatible schema, 422 / 42201 for an invalid one, 404 / 40401 for an unknown subject). The message is
 * the one Confluent's registry gives and never holds credentials.
 */
public final class RegistryException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;

    public RegistryException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status of the REST answer. */
    public int status() {
        return status;
    }

    /** Confluent's {@code error_code} of the REST answer. */
    public int errorCode() {
        return errorCode;
    }
}
