package io.sandboxpipeline.tools.replay;

import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.Lane;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.Verdict;
import io.sandboxpipeline.serde.AvroClassTrust;
import java.time.Instant;
import java.util.Map;

/** Terminal records as the enricher and the submitter write them, for tests that count or print them. */
final class TestOutcomes {

    static {
        // records built without a serde: Avro must be told which generated classes it may load (see AvroClassTrust)
        AvroClassTrust.declarePipelineSchemas();
    }

    private static final Instant DECIDED = Instant.parse("2025-03-01T10:00:05Z");

    private TestOutcomes() {
    }

    static EnrichedVerdict verdict(ReplayEvent event, OutcomeStatus status, Verdict verdict, Decider by, String flowId,
                                   int attempts, String reason) {
        return EnrichedVerdict.newBuilder()
                .setEventId(event.eventId())
                .setUri(event.file().uri())
                .setSha256("ab".repeat(32))
                .setName(event.file().name())
                .setSourceSystem("replay")
                .setLane(Lane.REPLAY)
                .setVerdict(verdict)
                .setThreatLevel(verdict == Verdict.UNKNOWN ? null : 0.1)
                .setConfidence(null)
                .setDecidedBy(by)
                .setFlowId(flowId)
                .setStatus(status)
                .setReason(reason)
                .setAttempts(attempts)
                .setArrivalTime(null)
                .setSubmittedAt(null)
                .setDecidedAt(DECIDED)
                .setPublishedAt(DECIDED.plusMillis(40))
                .setEnrichmentError(null)
                .setAttributes(Map.of("replay.run", "run-1"))
                .build();
    }

    static EventOutcome done(ReplayEvent event, Verdict verdict, Decider by, String flowId, int attempts) {
        return EventOutcome.of(verdict(event, OutcomeStatus.DONE, verdict, by, flowId, attempts, null));
    }

    static EventOutcome deadLetter(ReplayEvent event, String errorType, String reason) {
        return EventOutcome.of(DeadLetter.newBuilder()
                .setEventId(event.eventId())
                .setStage("submitter")
                .setSourceTopic("sandbox.file-arrivals")
                .setPartition(0)
                .setOffset(7L)
                .setReason(reason)
                .setErrorType(errorType)
                .setOriginalKey(null)
                .setOriginalValue(null)
                .setFailedAt(DECIDED)
                .setAttributes(Map.of())
                .build());
    }
}
