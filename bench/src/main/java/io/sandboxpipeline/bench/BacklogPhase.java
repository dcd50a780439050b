package io.sandboxpipeline.bench;

/** The phases of the backlog mode, in the order they run; live events are labelled with the phase they arrive in. */
enum BacklogPhase {
    /** No backlog yet: the live events' reference latency. */
    IDLE,
    /** The small part of the backlog is published and read by the submitter. */
    SMALL_INGEST,
    /** The small window: about {@code --backlog-small} events pending. */
    SMALL,
    /** The rest of the backlog is published and read by the submitter. */
    LARGE_INGEST,
    /** The large window: the whole backlog pending. */
    LARGE
}
