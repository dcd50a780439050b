package io.sandboxpipeline.client;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code sourceArchive}: present when the submitted file was an archive.
 *
 * @param verdict the derived verdict for the whole archive (sent lower-case); absent while unfinished or when the
 *     archive was rejected
 */
public record SourceArchive(String name, Optional<String> sha256, Optional<String> mimeType,
        Optional<Verdict> verdict) {

    public SourceArchive {
        Objects.requireNonNull(name, "name must not be null (use an empty string when unknown)");
        Objects.requireNonNull(sha256, "sha256 must not be null (use Optional.empty())");
        Objects.requireNonNull(mimeType, "mimeType must not be null (use Optional.empty())");
        Objects.requireNonNull(verdict, "verdict must not be null (use Optional.empty())");
    }
}
