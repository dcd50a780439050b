package io.sandboxpipeline.client;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the client uses from {@code GET /api/system/config}.
 *
 * @param maxUploadSizeBytes the upload limit in bytes. The service reports {@code maxUploadSize} in megabytes (on-prem
 *     admin guide: "given in megabytes (MB)"); the client converts with 1 MB = 1024 * 1024 bytes, the convention of
 *     upload limits in web servers. Which one the service applies is not documented, so treat this as a hint for
 *     skipping obviously oversized files: an HTTP 413 remains the authoritative answer. Empty when the service does not
 *     report a positive value.
 */
public record SystemConfig(OptionalLong maxUploadSizeBytes) {

    public static final long BYTES_PER_MB = 1024L * 1024L;

    public SystemConfig {
        Objects.requireNonNull(maxUploadSizeBytes, "maxUploadSizeBytes must not be null (use OptionalLong.empty())");
        if (maxUploadSizeBytes.isPresent() && maxUploadSizeBytes.getAsLong() <= 0) {
            throw new IllegalArgumentException("maxUploadSizeBytes must be positive, got "
                    + maxUploadSizeBytes.getAsLong());
        }
    }
}
