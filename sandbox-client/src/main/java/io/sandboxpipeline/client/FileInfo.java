package io.sandboxpipeline.client;

import java.util.Objects;
import java.util.Optional;

/**
 * A report's {@code file} section (filter {@code general}).
 *
 * @param name the submitted name (for URL scans: the URL)
 * @param sha256 the service's {@code hash}; empty string if it did not send one
 * @param type e.g. {@code pe} or {@code other}; empty while the scan is in progress
 */
public record FileInfo(String name, String sha256, Optional<String> type) {

    public FileInfo {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(sha256, "sha256 must not be null (use an empty string when unknown)");
        Objects.requireNonNull(type, "type must not be null (use Optional.empty())");
    }
}
