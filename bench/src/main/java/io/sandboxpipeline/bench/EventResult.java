package io.sandboxpipeline.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one event ended in one measured system.
 *
 * @param eventId   the event
 * @param sha256    its content's hash
 * @param arrivedAt when the event was handed to the system (published, or queued to the script)
 * @param decidedAt when its terminal result was visible (verdict record read, or the script's final answer)
 * @param status    {@code DONE}, {@code FAILED}, {@code SKIPPED}, {@code TIMED_OUT}, {@code DEAD_LETTER}
 * @param verdict   the verdict, e.g. {@code NO_THREAT}; {@code UNKNOWN} when none
 * @param decidedBy {@code SANDBOX}, {@code REPUTATION}, {@code CACHE} or {@code NONE}
 * @param flowId    the Sandbox flow behind the verdict, or null
 */
record EventResult(String eventId, String sha256, Instant arrivedAt, Instant decidedAt, String status, String verdict,
                   String decidedBy, String flowId) {

    EventResult {
        Objects.requireNonNull(eventId, "eventId must not be null");
        Objects.requireNonNull(arrivedAt, "arrivedAt must not be null");
        Objects.requireNonNull(decidedAt, "decidedAt must not be null");
        Objects.requireNonNull(status, "status must not be null");
    }

    Duration latency() {
        return Duration.between(arrivedAt, decidedAt);
    }

    /** The summary a reader compares across systems, e.g. {@code DONE NO_THREAT by SANDBOX}. */
    String outcome() {
        return status + " " + verdict + " by " + decidedBy;
    }
}
