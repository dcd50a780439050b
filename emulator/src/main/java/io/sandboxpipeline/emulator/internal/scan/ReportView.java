package io.sandboxpipeline.emulator.internal.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sandboxpipeline.emulator.internal.content.ContentFindings;
import io.sandboxpipeline.emulator.internal.content.EmulatedVerdict;
import io.sandboxpipeline.emulator.internal.content.Marker;
import java.time.Duration;

/** One report as of one instant: its phase, progress and the sections that depend on them. */
final class ReportView {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    final Flow flow;
    final FileReport report;
    final FlowPhase phase;
    final double progress;

    ReportView(Flow flow, FileReport report, FlowPhase phase, double progress) {
        this.flow = flow;
        this.report = report;
        this.phase = phase;
        this.progress = progress;
    }

    boolean finished() {
        return phase == FlowPhase.FINISHED;
    }

    boolean succeeded() {
        return finished() && !report.failed();
    }

    String overallState() {
        if (!finished()) {
            return "in_progress";
        }
        if (report.failed()) {
            return report.findings().has(Marker.FAILED_PARTIAL) && !report.findings().has(Marker.FAIL) ? "failed_partial" : "failed";
        }
        return report.findings().has(Marker.SUCCESS_PARTIAL) ? "success_partial" : "success";
    }

    ObjectNode finalVerdict() {
        return ReportSections.verdict(succeeded() ? report.verdict() : EmulatedVerdict.UNKNOWN);
    }

    long scanMillis() {
        return Math.max(0, Duration.between(flow.queueEndsAt(), flow.finishesAt()).toMillis());
    }

    long processTimeMillis() {
        return finished() ? scanMillis() : Math.round(scanMillis() * progress);
    }

    long estimatedSeconds() {
        return Math.max(1, (scanMillis() + 999) / 1000);
    }

    long remainingSeconds() {
        return finished() ? 0 : Math.max(0, Math.round(scanMillis() * (1 - progress) / 1000.0));
    }

    ObjectNode taskReference() {
        ContentFindings findings = report.findings();
        ObjectNode task = NODES.objectNode().put("name", "transform-file");
        ObjectNode info = task.putObject("additionalInfo")
                .put("submitName", report.fileName())
                .put("submitTime", flow.submittedAt().toEpochMilli());
        info.putObject("digests").put("SHA-256", findings.sha256());
        report.archiveContext().ifPresent(context -> {
            ObjectNode node = info.putObject("context")
                    .put("contextIdentifier", context.archiveSha256())
                    .put("contextType", "PARENT_FILE");
            ObjectNode metaData = node.putObject("metaData");
            metaData.putObject("additionalHashes").put("MD5", context.archiveMd5())
                    .put("SHA-1", context.archiveSha1());
            metaData.put("totalArchiveFiles", context.totalArchiveFiles())
                    .put("name", context.archiveName())
                    .put("additionalInfo", "MEDIA_TYPE:zip");
        });
        task.put("ID", report.ids().task());
        task.put("state", !finished() ? "IN_PROGRESS" : report.failed() ? "FAILED" : "SUCCESS");
        if (succeeded()) {
            task.set("resourceReference",
                    ReportSections.resourceReference("TRANSFORM_FILE", "file", report.ids().fileResource()));
        }
        task.put("opcount", finished() ? 1 : 0);
        task.put("processTime", processTimeMillis());
        return task;
    }

    ArrayNode subtaskReferences() {
        ArrayNode subtasks = NODES.arrayNode();
        if (succeeded()) {
            ObjectNode osint = subtasks.addObject()
                    .put("name", "osint")
                    .put("additionalInfo", report.ids().fileResource())
                    .put("ID", report.ids().osintTask())
                    .put("state", "SUCCESS");
            osint.set("resourceReference",
                    ReportSections.resourceReference("OSINT", "osint", report.ids().osintResource()));
            osint.put("opcount", 1).put("processTime", Math.min(scanMillis(), 250));
        }
        return subtasks;
    }
}
