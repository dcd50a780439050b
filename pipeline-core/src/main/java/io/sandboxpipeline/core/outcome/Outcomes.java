package io.sandboxpipeline.core.outcome;

import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import java.time.Instant;
import java.util.List;

/** Builds the one {@link ScanOutcome} each input event ends with, for the outcomes that carry no Sandbox verdict. */
public final class Outcomes {

    private Outcomes() {
    }

    /** An outcome decided before any hash is known (unsupported uri, unreadable source). */
    public static ScanOutcome withoutHash(FileArrival event, OutcomeStatus status, String reason, Instant now) {
        return builder(event, event.getSha256(), status, reason, 0, now).build();
    }

    /** An outcome for a hashed request that ends without a verdict (skipped, failed, timed out). */
    public static ScanOutcome ofRequest(ScanRequest request, OutcomeStatus status, String reason, Instant now) {
        // attempts counts the submissions made; this request's own upload did not happen
        return builder(request.getEvent(), request.getSha256(), status, reason, request.getPreviousFlowIds().size(), now)
                .setSubmittedAt(request.getFirstSubmittedAt())
                .setFlowId(lastFlowId(request))
                .build();
    }

    public static ScanOutcome.Builder builder(FileArrival event, String sha256, OutcomeStatus status, String reason,
                                              int attempts, Instant now) {
        return ScanOutcome.newBuilder()
                .setEvent(event)
                .setSha256(sha256)
                .setStatus(status)
                .setReason(reason)
                .setDecidedBy(Decider.NONE)
                .setVerdict(null)
                .setThreatLevel(null)
                .setConfidence(null)
                .setFlowId(null)
                .setArchiveVerdict(null)
                .setMembers(List.of())
                .setAttempts(attempts)
                .setSubmittedAt(null)
                .setDecidedAt(now)
                .setReferenceFlowId(null);
    }

    private static String lastFlowId(ScanRequest request) {
        List<String> flows = request.getPreviousFlowIds();
        return flows.isEmpty() ? null : flows.get(flows.size() - 1);
    }
}
