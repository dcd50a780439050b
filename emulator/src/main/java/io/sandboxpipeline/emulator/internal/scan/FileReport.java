package io.sandboxpipeline.emulator.internal.scan;

import io.sandboxpipeline.emulator.internal.content.ContentFindings;
import io.sandboxpipeline.emulator.internal.content.EmulatedVerdict;
import java.util.Optional;

/**
 * One report of a flow (one per scanned file), decided at submission and revealed by the clock.
 *
 * @param reportId        report UUID (key of the {@code reports} map)
 * @param ids             task and resource ids shown in references
 * @param fileName        submit name: the upload's file name, the archive member's name, or the URL
 * @param findings        what the content inspection found
 * @param verdict         the verdict once finished (ignored when {@code failed})
 * @param failed          the report ends {@code overallState:"failed"}
 * @param archiveContext  set for archive members
 */
public record FileReport(String reportId, ReportIds ids, String fileName, ContentFindings findings, EmulatedVerdict verdict,
                         boolean failed, Optional<ArchiveContext> archiveContext) {

    /** UUIDs of the report's main task, its osint subtask and their resources. */
    public record ReportIds(String task, String fileResource, String osintTask, String osintResource) {

        static ReportIds generate(IdGenerator ids) {
            return new ReportIds(ids.uuid(), ids.uuid(), ids.uuid(), ids.uuid());
        }
    }
}
