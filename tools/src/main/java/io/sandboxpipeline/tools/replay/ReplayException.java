package io.sandboxpipeline.tools.replay;

/** A replay that cannot go on as asked, with what to do about it. */
public final class ReplayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReplayException(String message) {
        super(message);
    }
}
