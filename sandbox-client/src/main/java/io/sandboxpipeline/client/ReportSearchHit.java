package io.sandboxpipeline.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of {@code GET /api/reports/search}: a report, and the flow that made it. The service's "Simple Search" uses
 * only its {@code query}: a hit is whatever matched that text (or, for an empty query, someone else's recent public
 * report). Nothing here is filled in by the client: a hit that does not name its file's hash has none.
 *
 * @param reportId the report's id
 * @param flowId   the flow ({@code scan_init.id}), when the service names it
 * @param sha256   the file's sha256 as the hit names it ({@code file.sha256}), lower case
 * @param state    the report's state as the service words it (e.g. {@code success}, {@code in_progress})
 * @param verdict  the verdict so far ({@code UNKNOWN} while scanning)
 * @param date     when the report was created, in the service's {@code MM/DD/YYYY, HH:MM:SS} form
 * @param tags     the report's tag names (the uploader's tags among them, when they were propagated)
 */
public record ReportSearchHit(String reportId, Optional<String> flowId, Optional<String> sha256, Optional<String> state,
                              Verdict verdict, Optional<String> date, List<String> tags) {

    public ReportSearchHit {
        Objects.requireNonNull(reportId, "reportId must not be null");
        Objects.requireNonNull(flowId, "flowId must not be null (use Optional.empty())");
        Objects.requireNonNull(sha256, "sha256 must not be null (use Optional.empty())");
        Objects.requireNonNull(state, "state must not be null (use Optional.empty())");
        Objects.requireNonNull(verdict, "verdict must not be null");
        Objects.requireNonNull(date, "date must not be null (use Optional.empty())");
        tags = List.copyOf(tags);
    }

    /** Whether this hit is a report of exactly this content (its own hash says so). */
    public boolean isOf(String contentSha256) {
        return sha256.isPresent() && sha256.get().equalsIgnoreCase(contentSha256);
    }
}
