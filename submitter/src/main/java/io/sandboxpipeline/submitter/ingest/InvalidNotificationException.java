package io.sandboxpipeline.submitter.ingest;

/** A notification that cannot be read as an S3 event notification; the message says why, precisely enough to fix it. */
public final class InvalidNotificationException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidNotificationException(String reason) {
        super(reason);
    }
}
