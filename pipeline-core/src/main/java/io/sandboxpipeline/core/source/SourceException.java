package io.sandboxpipeline.core.source;

/** A file source that cannot be read, with the reason a user can act on. */
public final class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a source failed: decides whether the event is skipped or failed, and whether to retry. */
    public enum Kind {
        /** The URI's scheme is not supported by this deployment. */
        UNSUPPORTED,
        /** The URI is malformed or points outside what is allowed. */
        INVALID,
        /** The object does not exist. */
        NOT_FOUND,
        /** The object exists but cannot be read now (permissions, I/O, remote error); may be retried. */
        UNREADABLE
    }

    private final Kind kind;

    public SourceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SourceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
