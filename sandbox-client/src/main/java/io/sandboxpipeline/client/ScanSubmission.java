package io.sandboxpipeline.client;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The answer of {@code POST /api/scan/file} and {@code /api/scan/url}: the flow id to poll, and the priority given.
 * The service's schema spells the second number {@code max_posibble} while real bodies say {@code max_possible}; both
 * are read.
 */
public record ScanSubmission(String flowId, OptionalInt priorityApplied, OptionalInt priorityMaxPossible) {

    public ScanSubmission {
        Objects.requireNonNull(flowId, "flowId must not be null");
        if (flowId.isBlank()) {
            throw new IllegalArgumentException("flowId must not be blank");
        }
        Objects.requireNonNull(priorityApplied, "priorityApplied must not be null (use OptionalInt.empty())");
        Objects.requireNonNull(priorityMaxPossible, "priorityMaxPossible must not be null (use OptionalInt.empty())");
    }
}
