package io.sandboxpipeline.client.internal;

import java.io.IOException;

/** The upload's own content could not be opened or read (as opposed to the network failing). */
final class UploadContentException extends IOException {

    private static final long serialVersionUID = 1L;

    UploadContentException(String message, Throwable cause) {
        super(message, cause);
    }
}
