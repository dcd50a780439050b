package io.sandboxpipeline.poller;

import io.sandboxpipeline.client.FinalVerdict;
import io.sandboxpipeline.client.FlowReport;
import io.sandboxpipeline.client.Report;
import io.sandboxpipeline.core.outcome.Outcomes;
import io.sandboxpipeline.core.outcome.Verdicts;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.MemberVerdict;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanFlow;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The verdict of a finished flow, as the Workflow Guide reads it: {@code finalVerdict} of the reports whose
 * {@code overallState} is {@code success}/{@code success_partial}; for archives, {@code sourceArchive.verdict} applies
 * to the whole archive and the members' verdicts are kept alongside.
 */
final class FlowVerdicts {

    private FlowVerdicts() {
    }

    static ScanOutcome outcome(ScanFlow flow, FlowReport report, Instant now) {
        ScanRequest request = flow.getRequest();
        Optional<FinalVerdict> worst = report.reports().stream()
                .filter(r -> r.overallState().isSuccess())
                .map(Report::finalVerdict).flatMap(Optional::stream)
                .max(Comparator.comparingDouble(FinalVerdict::threatLevel));
        List<MemberVerdict> members = report.sourceArchive().isPresent() ? members(report) : List.of();
        String reason = report.verdict().isPresent() ? null : "the flow finished without a verdict";
        return Outcomes.builder(request.getEvent(), request.getSha256(), OutcomeStatus.DONE, reason, request.getAttempt(), now)
                .setDecidedBy(Decider.SANDBOX)
                .setVerdict(Verdicts.toAvro(report.verdict().orElse(io.sandboxpipeline.client.Verdict.UNKNOWN)))
                .setThreatLevel(report.threatLevel())
                .setConfidence(worst.map(FinalVerdict::confidence).orElse(null))
                .setFlowId(flow.getFlowId())
                .setArchiveVerdict(report.sourceArchive().flatMap(a -> a.verdict()).map(Verdicts::toAvro).orElse(null))
                .setMembers(members)
                .setSubmittedAt(request.getFirstSubmittedAt())
                .setScannedByUrl(flow.getScannedByUrl())
                .build();
    }

    private static List<MemberVerdict> members(FlowReport report) {
        return report.reports().stream().map(r -> MemberVerdict.newBuilder()
                .setName(r.file().map(f -> f.name()).orElse(null))
                .setSha256(r.file().map(f -> f.sha256()).orElse(null))
                .setVerdict(Verdicts.toAvro(r.finalVerdict().map(FinalVerdict::verdict).orElse(io.sandboxpipeline.client.Verdict.UNKNOWN)))
                .setThreatLevel(r.finalVerdict().map(FinalVerdict::threatLevel).orElse(0.0))
                .build()).toList();
    }
}
