package io.sandboxpipeline.bench;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file-arrival event of a workload: its own file holding one of the workload's contents.
 *
 * @param eventId the event id (unique within a workload)
 * @param file    the event's file
 * @param content what the file holds
 */
record BenchEvent(String eventId, Path file, Content content) {

    BenchEvent {
        Objects.requireNonNull(eventId, "eventId must not be null");
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(content, "content must not be null");
    }

    String sha256() {
        return content.sha256();
    }

    boolean known() {
        return content.known();
    }
}
