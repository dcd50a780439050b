package io.sandboxpipeline.emulator.internal.archive;

import java.io.IOException;

/** An encrypted ZIP member that the supplied password does not open. */
public final class InvalidPasswordException extends IOException {

    private static final long serialVersionUID = 1L;

    public InvalidPasswordException(String member) {
        super("wrong or missing password for ZIP member " + member);
    }
}
