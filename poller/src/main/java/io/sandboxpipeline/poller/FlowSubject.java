package io.sandboxpipeline.poller;

import io.sandboxpipeline.client.FlowReport;
import io.sandboxpipeline.client.Report;
import io.sandboxpipeline.schemas.ScanFlow;
import java.util.List;
import java.util.Optional;

/**
 * Whether a finished flow's report is about the content it was uploaded or adopted for. A flow adopted by mistake, or
 * an answer mixed up on the way, would otherwise give the content another file's verdict. An archive's reports are
 * about its members: {@code sourceArchive.sha256} names the archive. A report that names no hash at all cannot be
 * checked and is taken as the upload's own [?]; a flow scanned by URL is about the URL, not the bytes, and is not
 * checked here.
 */
final class FlowSubject {

    private FlowSubject() {
    }

    /** The hash the report names instead of the content's, when it names another. */
    static Optional<String> otherContent(ScanFlow flow, FlowReport report) {
        String content = flow.getRequest().getSha256();
        if (report.sourceArchive().isPresent()) {
            return report.sourceArchive().get().sha256().filter(hash -> !hash.equalsIgnoreCase(content));
        }
        List<String> named = report.reports().stream().map(Report::file).flatMap(Optional::stream)
                .map(file -> file.sha256()).filter(hash -> !hash.isBlank()).toList();
        if (named.isEmpty() || named.stream().anyMatch(hash -> hash.equalsIgnoreCase(content))) {
            return Optional.empty();
        }
        return Optional.of(named.get(0));
    }
}
