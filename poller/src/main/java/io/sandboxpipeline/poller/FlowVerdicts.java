package io.sandboxpipeline.poller;

import io.sandboxpipeline.client.FinalVerdict;
import io.sandboxpipeline.client.FlowReport;
import io.sandboxpipeline.client.Verdict;
import io.sandboxpipeline.core.outcome.Outcomes;
import io.sandboxpipeline.core.outcome.Verdicts;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.MemberVerdict;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanFlow;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

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
        List<MemberVerdict> members = report.sourceArchive().isPresent() ? members(report) : List.of();
        String reason = report.verdict().isPresent() ? unscanned(report) : "the flow finished without a verdict";
        return Outcomes.builder(request.getEvent(), request.getSha256(), OutcomeStatus.DONE, reason, request.getAttempt(), now)
                .setDecidedBy(Decider.SANDBOX)
                .setVerdict(Verdicts.toAvro(report.verdict().orElse(Verdict.UNKNOWN)))
                .setThreatLevel(report.threatLevel())
                .setConfidence(report.verdictDetails().map(FinalVerdict::confidence).orElse(null))
                .setFlowId(flow.getFlowId())
                .setArchiveVerdict(report.sourceArchive().flatMap(a -> a.verdict()).map(Verdicts::toAvro).orElse(null))
                .setMembers(members)
                .setSubmittedAt(request.getFirstSubmittedAt())
                .setScannedByUrl(flow.getScannedByUrl())
                .build();
    }

    /** Every member's verdict, and the members the Sandbox did not scan ({@code rejected_files}) with the reason. */
    private static List<MemberVerdict> members(FlowReport report) {
        List<MemberVerdict> members = new ArrayList<>(report.reports().stream().map(r -> MemberVerdict.newBuilder()
                .setName(r.file().map(f -> f.name()).orElse(null))
                .setSha256(r.file().map(f -> f.sha256()).filter(h -> !h.isBlank()).orElse(null))
                .setVerdict(Verdicts.toAvro(r.finalVerdict().map(FinalVerdict::verdict).orElse(Verdict.UNKNOWN)))
                .setThreatLevel(r.finalVerdict().map(FinalVerdict::threatLevel).orElse(0.0))
                .setRejectedReason(null)
                .build()).toList());
        report.rejectedFiles().forEach(rejected -> members.add(MemberVerdict.newBuilder()
                .setName(rejected.name()).setSha256(null).setVerdict(io.sandboxpipeline.schemas.Verdict.UNKNOWN)
                .setThreatLevel(0.0).setRejectedReason(rejected.reason().isBlank() ? "rejected" : rejected.reason()).build()));
        return members;
    }

    /**
     * Files of the flow the Sandbox did not scan although it scanned others (e.g. an archive member with another
     * password): the verdict covers only what was scanned, and says so, rather than looking complete.
     */
    private static String unscanned(FlowReport report) {
        if (report.rejectedFiles().isEmpty()) {
            return null;
        }
        return report.rejectedFiles().size() + " file(s) of this flow were not scanned, so the verdict covers only the others: "
                + report.rejectedFiles().stream().map(f -> f.name() + " (" + (f.reason().isBlank() ? "rejected" : f.reason()) + ")")
                        .collect(Collectors.joining(", "));
    }
}
