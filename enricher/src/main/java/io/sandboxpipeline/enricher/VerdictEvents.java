package io.sandboxpipeline.enricher;

import io.sandboxpipeline.client.FlowReport;
import io.sandboxpipeline.client.Report;
import io.sandboxpipeline.core.outcome.Verdicts;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Ioc;
import io.sandboxpipeline.schemas.MitreTechnique;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.SignalGroup;
import io.sandboxpipeline.schemas.Tag;
import io.sandboxpipeline.schemas.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Builds the enriched verdict event SOC tooling reads, from an outcome and (when fetched) the extended report. */
final class VerdictEvents {

    private VerdictEvents() {
    }

    static EnrichedVerdict of(ScanOutcome outcome, Optional<FlowReport> report, String enrichmentError, Instant now) {
        FileArrival event = outcome.getEvent();
        List<Report> reports = report.map(FlowReport::reports).orElse(List.of());
        return EnrichedVerdict.newBuilder()
                .setEventId(event.getEventId())
                .setUri(event.getUri())
                .setSha256(outcome.getSha256())
                .setName(event.getName())
                .setSourceSystem(event.getSourceSystem())
                .setLane(event.getLane())
                .setVerdict(outcome.getVerdict() == null ? Verdict.UNKNOWN : outcome.getVerdict())
                .setThreatLevel(outcome.getThreatLevel())
                .setConfidence(outcome.getConfidence())
                .setDecidedBy(outcome.getDecidedBy())
                .setFlowId(outcome.getFlowId() != null ? outcome.getFlowId() : outcome.getReferenceFlowId())
                .setArchiveVerdict(outcome.getArchiveVerdict())
                .setMembers(outcome.getMembers())
                .setTags(tags(reports))
                .setSignalGroups(signalGroups(reports))
                .setIocs(iocs(reports))
                .setStatus(outcome.getStatus())
                .setReason(outcome.getReason())
                .setAttempts(outcome.getAttempts())
                .setArrivalTime(event.getArrivalTime())
                .setSubmittedAt(outcome.getSubmittedAt())
                .setDecidedAt(outcome.getDecidedAt())
                .setPublishedAt(now)
                .setEnrichmentError(enrichmentError)
                .setAttributes(new HashMap<>(event.getAttributes()))
                .setScannedByUrl(outcome.getScannedByUrl())
                .build();
    }

    /** Tags of every report, once each, in the order the Sandbox sorted them. */
    private static List<Tag> tags(List<Report> reports) {
        Map<String, Tag> tags = new LinkedHashMap<>();
        for (Report report : reports) {
            for (io.sandboxpipeline.client.Tag tag : report.tags()) {
                tags.putIfAbsent(tag.name(), Tag.newBuilder()
                        .setName(tag.name())
                        .setSource(tag.source())
                        .setVerdict(tag.verdict().map(Verdicts::toAvro).orElse(null))
                        .build());
            }
        }
        return new ArrayList<>(tags.values());
    }

    /** Signal groups in the Workflow Guide's order (description asc, MITRE techniques desc, strength desc), once each. */
    private static List<SignalGroup> signalGroups(List<Report> reports) {
        Map<String, SignalGroup> groups = new LinkedHashMap<>();
        for (Report report : reports) {
            for (io.sandboxpipeline.client.SignalGroup group : report.signalGroups()) {
                String key = group.identifier() + "|" + group.description();
                groups.putIfAbsent(key, SignalGroup.newBuilder()
                        .setIdentifier(group.identifier())
                        .setDescription(group.description() == null ? "" : group.description())
                        .setStrength(group.averageSignalStrength())
                        .setPeakStrength(group.peakSignalStrength())
                        .setVerdict(Verdicts.toAvro(group.verdict()))
                        .setMitreTechniques(group.mitreTechniques().stream().map(t -> MitreTechnique.newBuilder()
                                .setId(t.id())
                                .setName(t.name())
                                .setTacticId(t.tacticId().orElse(null))
                                .setTacticName(t.tacticName().orElse(null))
                                .build()).toList())
                        .build());
            }
        }
        return new ArrayList<>(groups.values());
    }

    private static List<Ioc> iocs(List<Report> reports) {
        Map<String, Ioc> iocs = new LinkedHashMap<>();
        for (Report report : reports) {
            for (io.sandboxpipeline.client.Ioc ioc : report.iocs()) {
                String type = String.valueOf(ioc.type()).toLowerCase(Locale.ROOT);
                iocs.putIfAbsent(type + "|" + ioc.value(), Ioc.newBuilder()
                        .setType(type)
                        .setValue(ioc.value())
                        .setVerdict(ioc.verdict().map(Verdicts::toAvro).orElse(null))
                        .build());
            }
        }
        return new ArrayList<>(iocs.values());
    }
}
