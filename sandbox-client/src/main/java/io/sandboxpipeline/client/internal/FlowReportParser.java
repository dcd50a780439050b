package io.sandboxpipeline.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sandboxpipeline.client.FileInfo;
import io.sandboxpipeline.client.FinalVerdict;
import io.sandboxpipeline.client.FlowReport;
import io.sandboxpipeline.client.Ioc;
import io.sandboxpipeline.client.JobStatus;
import io.sandboxpipeline.client.MitreTechnique;
import io.sandboxpipeline.client.OverallState;
import io.sandboxpipeline.client.RejectedFile;
import io.sandboxpipeline.client.Report;
import io.sandboxpipeline.client.SignalGroup;
import io.sandboxpipeline.client.SourceArchive;
import io.sandboxpipeline.client.Tag;
import io.sandboxpipeline.client.Verdict;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads {@code GET /api/scan/{flow_id}/report} bodies (API contract §2.6) into {@link FlowReport}. Tolerant: only the
 * top level must be an object that looks like a flow (has {@code flowId}, {@code allFinished} or {@code reports});
 * anything else missing gets the documented neutral value.
 */
public final class FlowReportParser {

    private FlowReportParser() {
    }

    /**
     * @param root the parsed body
     * @param requestedFlowId used when the body carries no {@code flowId}
     */
    public static FlowReport parse(JsonNode root, String requestedFlowId) {
        if (root == null || !root.isObject()
                || !(root.has("flowId") || root.has("allFinished") || root.has("reports"))) {
            throw new ResponseShapeException("expected a flow report object with flowId, allFinished or reports");
        }
        List<Report> reports = reports(root.get("reports"));
        return new FlowReport(
                JsonFields.firstText(root, "flowId", "flow_id").orElse(requestedFlowId),
                JsonFields.bool(root, "allFinished").orElse(false),
                JsonFields.bool(root, "allFilesDownloadFinished"),
                JsonFields.bool(root, "allAdditionalStepsDone"),
                JsonFields.intValue(root, "reportsAmount").orElse(reports.size()),
                JsonFields.text(root, "priority"),
                JsonFields.intValue(root, "pollPause"),
                JsonFields.text(root, "state"),
                JsonFields.longValue(root, "fileSize"),
                job(JsonFields.object(root, "job")),
                rejectedFiles(root),
                sourceArchive(JsonFields.object(root, "sourceArchive")),
                reports);
    }

    // `reports` is documented as an object keyed by report id; an array of objects with an id is read too, and a
    // missing or null `reports` (right after submission) is an empty list.
    private static List<Report> reports(JsonNode node) {
        List<Report> reports = new ArrayList<>();
        if (node == null) {
            return reports;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                if (entry.getValue().isObject()) {
                    reports.add(report(entry.getKey(), entry.getValue()));
                }
            }
        } else if (node.isArray()) {
            int index = 0;
            for (JsonNode element : node) {
                if (element.isObject()) {
                    String id = JsonFields.firstText(element, "id", "reportId", "report_id")
                            .orElse(String.valueOf(index));
                    reports.add(report(id, element));
                }
                index++;
            }
        }
        return reports;
    }

    static Report report(String reportId, JsonNode node) {
        return new Report(
                reportId,
                OverallState.parse(JsonFields.text(node, "overallState").orElse(null)),
                finalVerdict(node.get("finalVerdict")),
                file(JsonFields.object(node, "file")),
                tags(node, "allTags"),
                signalGroups(node),
                iocs(JsonFields.object(node, "iocs")),
                JsonFields.strings(node, "filter_errors"),
                estimatedProgress(node));
    }

    private static OptionalDouble estimatedProgress(JsonNode node) {
        OptionalDouble progress = JsonFields.number(node, "estimated_progress");
        return progress.isPresent() ? progress : JsonFields.number(node, "estimatedProgress");
    }

    // threatLevel is the authoritative number and is kept as sent; when it is missing the verdict's documented level
    // is used. A missing confidence reads as 0 (nothing claimed).
    private static Optional<FinalVerdict> finalVerdict(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            Verdict verdict = Verdict.parse(node.textValue());
            return Optional.of(new FinalVerdict(verdict, verdict.nominalThreatLevel(), 0.0, Optional.empty()));
        }
        if (!node.isObject() || JsonFields.text(node, "verdict").isEmpty()) {
            return Optional.empty();
        }
        Verdict verdict = Verdict.parse(JsonFields.text(node, "verdict").orElse(null));
        return Optional.of(new FinalVerdict(
                verdict,
                JsonFields.number(node, "threatLevel").orElse(verdict.nominalThreatLevel()),
                JsonFields.number(node, "confidence").orElse(0.0),
                JsonFields.text(node, "verdictLabel")));
    }

    private static Optional<FileInfo> file(JsonNode node) {
        if (node.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(new FileInfo(
                JsonFields.text(node, "name").orElse(""),
                JsonFields.firstText(node, "hash", "sha256").orElse(""),
                JsonFields.text(node, "type")));
    }

    static List<Tag> tags(JsonNode parent, String field) {
        List<Tag> tags = new ArrayList<>();
        for (JsonNode item : JsonFields.array(parent, field)) {
            JsonNode tag = JsonFields.object(item, "tag");
            Optional<String> name = JsonFields.text(tag, "name").or(() -> JsonFields.text(item, "name"));
            if (name.isEmpty()) {
                continue;
            }
            tags.add(new Tag(
                    name.get(),
                    JsonFields.text(item, "source").orElse(""),
                    JsonFields.bool(item, "isRootTag").orElse(false),
                    JsonFields.verdictText(tag, "verdict").map(Verdict::parse),
                    JsonFields.strings(tag, "synonyms")));
        }
        return tags;
    }

    private static List<SignalGroup> signalGroups(JsonNode parent) {
        List<SignalGroup> groups = new ArrayList<>();
        for (JsonNode item : JsonFields.array(parent, "allSignalGroups")) {
            groups.add(new SignalGroup(
                    JsonFields.text(item, "identifier").orElse(""),
                    JsonFields.text(item, "description").orElse(""),
                    JsonFields.number(item, "averageSignalStrength").orElse(0.0),
                    JsonFields.number(item, "peakSignalStrength").orElse(0.0),
                    JsonFields.number(item, "finalSignalStrength").orElse(0.0),
                    Verdict.parse(JsonFields.verdictText(item, "verdict").orElse(null)),
                    mitreTechniques(item)));
        }
        return groups;
    }

    private static List<MitreTechnique> mitreTechniques(JsonNode group) {
        List<MitreTechnique> techniques = new ArrayList<>();
        for (JsonNode item : JsonFields.array(group, "allMitreTechniques")) {
            Optional<String> id = JsonFields.firstText(item, "ID", "id");
            if (id.isEmpty()) {
                continue;
            }
            JsonNode tactic = JsonFields.object(item, "relatedTactic");
            techniques.add(new MitreTechnique(
                    id.get(),
                    JsonFields.text(item, "name").orElse(""),
                    JsonFields.firstText(tactic, "ID", "id"),
                    JsonFields.text(tactic, "name")));
        }
        return techniques;
    }

    // The service groups indicators by type: {"url": [{"data": "...", "verdict": "UNKNOWN"}], ...}; flattened here in
    // the order sent. Items without data are skipped.
    private static List<Ioc> iocs(JsonNode node) {
        List<Ioc> iocs = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> types = node.fields();
        while (types.hasNext()) {
            Map.Entry<String, JsonNode> type = types.next();
            if (!type.getValue().isArray()) {
                continue;
            }
            for (JsonNode item : type.getValue()) {
                Optional<String> value = item.isTextual()
                        ? Optional.of(item.textValue())
                        : JsonFields.firstText(item, "data", "value");
                value.ifPresent(v -> iocs.add(new Ioc(type.getKey(), v,
                        JsonFields.verdictText(item, "verdict").map(Verdict::parse))));
            }
        }
        return iocs;
    }

    private static Optional<JobStatus> job(JsonNode node) {
        if (node.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(new JobStatus(JsonFields.bool(node, "error").orElse(false), JsonFields.text(node, "reason")));
    }

    private static List<RejectedFile> rejectedFiles(JsonNode root) {
        List<RejectedFile> rejected = new ArrayList<>();
        for (JsonNode item : JsonFields.array(root, "rejected_files")) {
            rejected.add(new RejectedFile(
                    JsonFields.text(item, "name").orElse(""),
                    JsonFields.firstText(item, "rejected_reason", "reason").orElse("")));
        }
        return rejected;
    }

    private static Optional<SourceArchive> sourceArchive(JsonNode node) {
        if (node.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(new SourceArchive(
                JsonFields.text(node, "name").orElse(""),
                JsonFields.text(node, "sha256"),
                JsonFields.text(node, "mimeType"),
                JsonFields.verdictText(node, "verdict").map(Verdict::parse)));
    }
}
