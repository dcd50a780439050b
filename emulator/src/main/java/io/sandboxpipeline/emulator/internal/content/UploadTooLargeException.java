package io.sandboxpipeline.emulator.internal.content;

import java.io.IOException;

/** Thrown while streaming when a file part grows beyond the configured maximum upload size. */
public final class UploadTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    public UploadTooLargeException(long limitBytes) {
        super("file part exceeds the maximum upload size of " + limitBytes + " bytes");
    }
}
