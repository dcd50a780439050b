package io.sandboxpipeline.app.chaos;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One input event of a chaos run: a file-arrival for a file whose content may be shared with other events.
 *
 * @param eventId the event id (the input record's key)
 * @param file    the stored file the event announces
 * @param sha256  the content's hash, to match the emulator's submission counts
 */
record ChaosEvent(String eventId, Path file, String sha256) {

    ChaosEvent {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("eventId must not be blank");
        }
        Objects.requireNonNull(file, "file must be the stored file the event names");
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got " + sha256);
        }
    }
}
