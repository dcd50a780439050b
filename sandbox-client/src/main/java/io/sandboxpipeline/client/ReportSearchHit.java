package io.sandboxpipeline.client;

import java.util.Objects;
import java.util.Optional;

/**
 * One item of {@code GET /api/reports/search}: a report of a file with the searched hash, and the flow that made it.
 *
 * @param reportId the report's id
 * @param flowId   the flow ({@code scan_init.id}), when the service names it
 * @param sha256   the file's sha256
 * @param state    the report's state as the service words it (e.g. {@code success}, {@code in_progress})
 * @param verdict  the verdict so far ({@code UNKNOWN} while scanning)
 * @param date     when the report was created, in the service's {@code MM/DD/YYYY, HH:MM:SS} form
 */
public record ReportSearchHit(String reportId, Optional<String> flowId, String sha256, Optional<String> state, Verdict verdict,
        Optional<String> date) {

    public ReportSearchHit {
        Objects.requireNonNull(reportId, "reportId must not be null");
        Objects.requireNonNull(flowId, "flowId must not be null (use Optional.empty())");
        Objects.requireNonNull(sha256, "sha256 must not be null");
        Objects.requireNonNull(state, "state must not be null (use Optional.empty())");
        Objects.requireNonNull(verdict, "verdict must not be null");
        Objects.requireNonNull(date, "date must not be null (use Optional.empty())");
    }
}
