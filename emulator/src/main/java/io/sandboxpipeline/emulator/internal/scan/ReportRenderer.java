package io.sandboxpipeline.emulator.internal.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SubmittedScan;
import io.sandboxpipeline.emulator.internal.http.FormBooleans;
import io.sandboxpipeline.emulator.internal.http.SandboxDates;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders {@code AllUploadRelatedReportsResponse} for a flow as of a given instant, honouring {@code filter} and
 * {@code sorting}. Cost depends only on the flow itself.
 */
public final class ReportRenderer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Report sections selectable by their plain filter name. */
    private static final Set<String> SECTIONS = Set.of("general", "overallState", "finalVerdict", "allTags",
            "allSignalGroups", "iocs", "taskReference", "subtaskReferences", "allOsintTags", "positionInQueue",
            "vtRate", "opcount", "processTime", "expectedRemainingProcessingTimeInSeconds");
    /** Resource names of the {@code <prefix>:} filters, as the Sandbox names them in {@code filter_errors}. */
    private static final Map<String, String> RESOURCES = Map.of("f", "file", "o", "osint", "fd", "file-download",
            "dr", "domain-resolve", "wi", "whois-lookup", "v", "visualization", "ur", "url-render");
    /** Legacy per-request switches a report echoes in {@code scanOptions} (all default true but rapid_mode). */
    private static final List<String> SCAN_OPTIONS = List.of("rapid_mode", "osint", "extended_osint",
            "extracted_files_osint", "visualization", "files_download", "resolve_domains", "input_file_yara",
            "extracted_files_yara", "whois", "ips_meta", "images_ocr");

    private final EmulatorConfig config;

    public ReportRenderer(EmulatorConfig config) {
        this.config = config;
    }

    public ObjectNode render(Flow flow, Instant now, ReportParameters query) {
        FlowPhase phase = flow.phaseAt(now);
        boolean finished = phase == FlowPhase.FINISHED;
        ObjectNode root = NODES.objectNode();
        root.put("flowId", flow.flowId());
        root.put("allFinished", finished);
        root.put("allFilesDownloadFinished", finished);
        root.put("allAdditionalStepsDone", finished);
        root.put("reportsAmount", phase == FlowPhase.QUEUED ? 0 : flow.reports().size());
        root.put("priority", "max");
        root.put("pollPause", config.pollPause());
        root.put("state", phase.state());
        root.put("scanStartedDate", SandboxDates.reportDate(flow.submittedAt()));
        root.put("fileSize", flow.submission().size());
        root.put("fileReadProgressBytes", flow.submission().size());
        if (finished) {
            flow.failure().ifPresent(reason -> root.putObject("job").put("error", true).put("reason", reason));
            flow.rejectedReason().ifPresent(reason -> root.putArray("rejected_files").addObject()
                    .put("name", flow.archive().map(ArchiveSource::sha256).orElse(flow.submission().sha256())
                            + "_" + flow.archive().map(ArchiveSource::scanTaskId).orElse(flow.flowId()))
                    .put("rejected_reason", reason));
        }
        flow.archive().ifPresent(archive -> root.set("sourceArchive", sourceArchive(archive, finished)));
        ObjectNode reports = root.putObject("reports");
        if (phase != FlowPhase.QUEUED) {
            double progress = flow.progressAt(now);
            for (FileReport report : flow.reports()) {
                reports.set(report.reportId(), report(flow, report, phase, progress, query));
            }
        }
        return root;
    }

    private ObjectNode report(Flow flow, FileReport report, FlowPhase phase, double progress, ReportParameters query) {
        ReportView view = new ReportView(flow, report, phase, progress);
        ObjectNode out = NODES.objectNode();
        if (query.basic()) {
            out.put("overallState", view.overallState());
            out.put("positionInQueue", 0);
            out.set("finalVerdict", view.finalVerdict());
            out.put("vtRate", -1);
            general(out, view);
            return out;
        }
        Set<String> sections = new HashSet<>();
        Map<String, ObjectNode> resources = new LinkedHashMap<>();
        Set<String> notFound = new LinkedHashSet<>();
        for (String filter : query.filters()) {
            int colon = filter.indexOf(':');
            if (colon > 0) {
                String prefix = filter.substring(0, colon);
                String resource = RESOURCES.getOrDefault(prefix, filter);
                if (view.succeeded() && prefix.equals("f")) {
                    resources.put(report.ids().fileResource(), ReportSections.fileResource(report));
                } else if (view.succeeded() && prefix.equals("o")) {
                    resources.put(report.ids().osintResource(), ReportSections.osintResource(report));
                } else {
                    notFound.add(resource);
                }
            } else {
                String section = filter.contains(".") ? filter.substring(0, filter.indexOf('.')) : filter;
                if (SECTIONS.contains(section)) {
                    sections.add(section);
                } else {
                    notFound.add(filter);
                }
            }
        }
        if (sections.contains("finalVerdict")) {
            out.set("finalVerdict", view.finalVerdict());
        }
        if (sections.contains("allTags")) {
            ArrayNode tags = view.succeeded() ? ReportSections.allTags(report) : NODES.arrayNode();
            query.sort("allTags", tags);
            out.set("allTags", tags);
        }
        if (sections.contains("overallState")) {
            out.put("overallState", view.overallState());
        }
        if (sections.contains("taskReference")) {
            out.set("taskReference", view.taskReference());
        }
        if (sections.contains("subtaskReferences")) {
            out.set("subtaskReferences", view.subtaskReferences());
        }
        if (sections.contains("allSignalGroups")) {
            ArrayNode groups = view.succeeded() ? ReportSections.allSignalGroups(report) : NODES.arrayNode();
            query.sort("allSignalGroups", groups);
            out.set("allSignalGroups", groups);
        }
        if (!resources.isEmpty()) {
            ObjectNode resourceMap = out.putObject("resources");
            resources.forEach(resourceMap::set);
        }
        if (sections.contains("iocs")) {
            out.set("iocs", view.succeeded() ? ReportSections.iocs(report) : NODES.objectNode());
        }
        if (sections.contains("allOsintTags")) {
            out.putArray("allOsintTags");
        }
        simpleFields(out, sections, view);
        if (sections.contains("general")) {
            general(out, view);
        }
        if (!notFound.isEmpty()) {
            out.putArray("filter_errors").add(notFound.stream().map(name -> "'" + name + "'")
                    .collect(Collectors.joining(", ", "Resource not found: [", "]")));
        }
        return out;
    }

    private void simpleFields(ObjectNode out, Set<String> sections, ReportView view) {
        if (sections.contains("positionInQueue")) {
            out.put("positionInQueue", 0);
        }
        if (sections.contains("vtRate")) {
            out.put("vtRate", -1);
        }
        if (sections.contains("opcount")) {
            out.put("opcount", view.finished() ? 1 : 0);
        }
        if (sections.contains("processTime")) {
            out.put("processTime", view.processTimeMillis());
        }
        if (sections.contains("expectedRemainingProcessingTimeInSeconds")) {
            out.put("expectedRemainingProcessingTimeInSeconds", view.remainingSeconds());
        }
    }

    /** The {@code general} section: file, dates, options, progress. */
    private void general(ObjectNode out, ReportView view) {
        ObjectNode file = out.putObject("file")
                .put("name", view.report.fileName())
                .put("hash", view.report.findings().sha256());
        if (view.finished()) {
            file.put("type", view.report.findings().mediaType().reportFileType());
        } else {
            file.putNull("type");
        }
        out.put("filesDownloadFinished", view.finished());
        ArrayNode running = out.putArray("additionalStepsRunning");
        if (!view.finished()) {
            running.add("similarity_search");
        }
        out.put("additionalStepsDone", view.finished());
        out.put("created_date", SandboxDates.reportDate(view.flow.queueEndsAt()));
        out.put("defaultOptionsUsed", defaultOptionsUsed(view.flow.submission()));
        out.set("scanOptions", scanOptions(view.flow.submission()));
        out.put("estimatedTime", String.valueOf(view.estimatedSeconds()));
        out.put("estimated_progress", view.progress);
    }

    private static ObjectNode sourceArchive(ArchiveSource archive, boolean finished) {
        ObjectNode node = NODES.objectNode()
                .put("scan_task_id", archive.scanTaskId())
                .put("name", archive.name())
                .put("mimeType", "application/zip")
                .put("sha256", archive.sha256())
                .put("sha1", archive.sha1())
                .put("md5", archive.md5())
                .put("private", archive.isPrivate())
                .put("is_link_upload", false);
        node.putArray("tags").addObject().put("source", "MEDIA_TYPE").putObject("tag").put("name", "zip");
        if (finished) {
            archive.verdict().ifPresent(verdict -> node.put("verdict", verdict.lowerCase()));
        }
        return node;
    }

    private static boolean defaultOptionsUsed(SubmittedScan submission) {
        return submission.field("scan_profile").isEmpty()
                && SCAN_OPTIONS.stream().noneMatch(option -> submission.field(option).isPresent());
    }

    private static ObjectNode scanOptions(SubmittedScan submission) {
        ObjectNode options = NODES.objectNode();
        for (String option : SCAN_OPTIONS) {
            boolean fallback = !option.equals("rapid_mode");
            options.put(option, submission.field(option).flatMap(FormBooleans::parse).orElse(fallback));
        }
        return options;
    }
}
