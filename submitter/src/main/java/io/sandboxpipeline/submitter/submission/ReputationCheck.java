package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.client.HashReputation;
import io.sandboxpipeline.client.ReputationReport;
import io.sandboxpipeline.core.outcome.Outcomes;
import io.sandboxpipeline.core.outcome.Verdicts;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.HashWork;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.submitter.policy.SourcePolicies;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the reputation check decides for the events waiting on one content, as data for the processor to apply. The
 * Workflow Guide's rule: {@code malicious} / {@code likely_malicious} decide without an upload, except for events that
 * ask for a fresh scan; anything else leads to one upload, except for events from hash-only sources, which get the
 * reputation's answer (or its failure) and are never uploaded.
 */
final class ReputationCheck {

    /**
     * @param answers   outcomes to publish now, one per event they answer
     * @param verdict   the reputation's verdict, to remember in the cache, when it decided the content
     * @param toUpload  what is left to upload: the events still waiting, with a representative that may be uploaded
     */
    record Decision(List<ScanOutcome> answers, Optional<ScanOutcome> verdict, Optional<HashWork> toUpload) {
    }

    private final SourcePolicies policies;

    ReputationCheck(SourcePolicies policies) {
        this.policies = policies;
    }

    boolean hashOnly(ScanRequest request) {
        return policies.forUri(request.getEvent().getUri()).hashOnly();
    }

    /** The reputation API answered. */
    Decision onAnswer(HashWork work, HashReputation reputation, Instant now) {
        if (reputation.isMaliciousEnoughToSkipScan()) {
            return decidedByReputation(work, reputation, now);
        }
        ScanOutcome answer = byReputation(work, reputation, now, "hash-only source: decided by the reputation API alone, the file was not uploaded");
        return uploadUnlessHashOnly(work, answer);
    }

    /** The reputation API could not answer: the look-up only ever saves an upload, so the file is scanned instead. */
    Decision onFailure(HashWork work, String failure, Instant now) {
        return uploadUnlessHashOnly(work, Outcomes.ofRequest(work.getRepresentative(), OutcomeStatus.FAILED,
                "hash-only source and the reputation check failed: " + failure, now));
    }

    /** A known-bad hash: its waiting events are answered; those that asked for a fresh scan go on to the upload. */
    private Decision decidedByReputation(HashWork work, HashReputation reputation, Instant now) {
        ScanOutcome verdict = byReputation(work, reputation, now, null);
        List<ScanRequest> rescans = work.getWaiting().stream().filter(r -> ScanWork.forcesRescan(r) && !hashOnly(r)).toList();
        List<ScanRequest> answered = work.getWaiting().stream().filter(r -> !rescans.contains(r)).toList();
        Optional<HashWork> upload = rescans.isEmpty() ? Optional.empty()
                : Optional.of(HashWork.newBuilder(work).setWaiting(rescans).setRepresentative(rescans.get(0)).build());
        return new Decision(ScanWork.answerAll(answered, verdict), Optional.of(verdict), upload);
    }

    /** Events from hash-only sources get {@code hashOnlyAnswer}; the others go on to one upload of an uploadable copy. */
    private Decision uploadUnlessHashOnly(HashWork work, ScanOutcome hashOnlyAnswer) {
        List<ScanRequest> hashOnly = work.getWaiting().stream().filter(this::hashOnly).toList();
        List<ScanRequest> uploadable = work.getWaiting().stream().filter(r -> !hashOnly(r)).toList();
        if (uploadable.isEmpty()) {
            return new Decision(ScanWork.answerAll(hashOnly, hashOnlyAnswer), Optional.empty(), Optional.empty());
        }
        ScanRequest representative = hashOnly(work.getRepresentative()) ? uploadable.get(0) : work.getRepresentative();
        return new Decision(ScanWork.answerAll(hashOnly, hashOnlyAnswer), Optional.empty(),
                Optional.of(HashWork.newBuilder(work).setWaiting(uploadable).setRepresentative(representative).build()));
    }

    private static ScanOutcome byReputation(HashWork work, HashReputation reputation, Instant now, String reason) {
        String referenceFlow = referenceFlow(reputation).orElse(null);
        return Outcomes.builder(work.getRepresentative().getEvent(), work.getSha256(), OutcomeStatus.DONE, reason, 0, now)
                .setDecidedBy(Decider.REPUTATION)
                .setVerdict(Verdicts.toAvro(reputation.overallVerdict()))
                .setThreatLevel(reputation.overallVerdict().nominalThreatLevel())
                .setReferenceFlowId(referenceFlow)
                .build();
    }

    /**
     * The report whose details (tags, signals, IOCs) go with a reputation verdict: one whose own verdict is the
     * decision, the newest of them. A report with another verdict (an old clean scan of a file now known bad) would
     * dress the verdict in the wrong details, so with none that matches there is no reference and the verdict is
     * published without details.
     */
    static Optional<String> referenceFlow(HashReputation reputation) {
        return reputation.reports().stream()
                .filter(report -> report.verdict() == reputation.overallVerdict() && report.flowId().isPresent())
                .max(Comparator.comparing((ReputationReport report) -> reportDate(report).orElse(Instant.EPOCH)))
                .flatMap(ReputationReport::flowId);
    }

    private static Optional<Instant> reportDate(ReputationReport report) {
        return report.reportDate().flatMap(date -> {
            for (DateTimeFormatter format : List.of(
                    DateTimeFormatter.ofPattern("MM/dd/yyyy, HH:mm:ss"), DateTimeFormatter.ISO_LOCAL_DATE_TIME)) {
                try {
                    return Optional.of(LocalDateTime.parse(date.strip(), format).toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException e) {
                    // try the other form the service has used
                }
            }
            return Optional.empty();
        });
    }
}
