package io.sandboxpipeline.client;

import java.util.Objects;
import java.util.Optional;

/** The flow-level {@code job} object: {@code error=true} means the whole flow failed, {@code reason} says why. */
public record JobStatus(boolean error, Optional<String> reason) {

    public JobStatus {
        Objects.requireNonNull(reason, "reason must not be null (use Optional.empty())");
    }
}
