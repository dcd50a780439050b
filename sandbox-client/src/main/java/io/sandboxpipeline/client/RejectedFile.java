package io.sandboxpipeline.client;

import java.util.Objects;

/** An entry of {@code rejected_files}, e.g. an archive member with reason {@code INVALID_PASSWORD}. */
public record RejectedFile(String name, String reason) {

    public RejectedFile {
        Objects.requireNonNull(name, "name must not be null (use an empty string when unknown)");
        Objects.requireNonNull(reason, "reason must not be null (use an empty string when unknown)");
    }
}
