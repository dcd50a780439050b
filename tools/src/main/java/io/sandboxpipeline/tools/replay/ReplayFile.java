package io.sandboxpipeline.tools.replay;

import io.sandboxpipeline.core.source.Sha256;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of a replay source, as listed: where the pipeline reads it and what the source already knows about it.
 *
 * @param uri         where the submitter reads the file ({@code file://}, {@code s3://} or {@code http(s)://})
 * @param name        the file name shown in the Sandbox; null if unknown
 * @param size        size in bytes; null if the source does not say (a manifest without a size column)
 * @param sha256      lower-case hex SHA-256 if the source knows it (a manifest column); null means the submitter hashes it
 * @param storedAt    when the object was stored (file modification time, S3 LastModified); null if unknown
 * @param eventId     the event id a manifest asks for; null to derive it from the run id and the uri
 */
public record ReplayFile(String uri, String name, Long size, String sha256, Instant storedAt, String eventId) {

    public ReplayFile {
        Objects.requireNonNull(uri, "uri");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("a replayed file needs a uri");
        }
        if (size != null && size < 0) {
            throw new IllegalArgumentException("size of " + uri + " must be zero or more bytes, got " + size);
        }
        if (sha256 != null) {
            if (!Sha256.isValid(sha256)) {
                throw new IllegalArgumentException("sha256 of " + uri + " must be 64 hex digits, got '" + sha256 + "'");
            }
            sha256 = sha256.toLowerCase(Locale.ROOT);
        }
        if (eventId != null && eventId.isBlank()) {
            eventId = null;
        }
    }

    /** A file known by its uri alone. */
    public static ReplayFile of(String uri) {
        return new ReplayFile(uri, null, null, null, null, null);
    }

    public Optional<Long> knownSize() {
        return Optional.ofNullable(size);
    }
}
