package io.sandboxpipeline.client;

import java.util.List;
import java.util.Objects;

/**
 * The query of {@code GET /api/scan/{flow_id}/report}: each entry is sent as its own {@code filter=}, {@code sorting=}
 * or {@code other=} parameter (the service reads repeated keys).
 */
public record ReportQuery(List<String> filters, List<String> sortings, List<String> others) {

    /** What the Workflow Guide polls with: general, overallState, finalVerdict and an empty {@code other=}. */
    public static final ReportQuery POLL = new ReportQuery(
            List.of("general", "overallState", "finalVerdict"), List.of(), List.of(""));

    /** The finished report with everything the enricher publishes: tags, signal groups (sorted) and IOCs. */
    public static final ReportQuery ENRICH = new ReportQuery(
            List.of("general", "overallState", "finalVerdict", "allTags", "allSignalGroups", "iocs"),
            List.of("allSignalGroups(description:asc,allMitreTechniques:desc,averageSignalStrength:desc)",
                    "allTags(tag.name:asc)"),
            List.of());

    public ReportQuery {
        filters = List.copyOf(Objects.requireNonNull(filters, "filters must not be null (use an empty list)"));
        sortings = List.copyOf(Objects.requireNonNull(sortings, "sortings must not be null (use an empty list)"));
        others = List.copyOf(Objects.requireNonNull(others, "others must not be null (use an empty list)"));
        for (String filter : filters) {
            if (filter.isBlank()) {
                throw new IllegalArgumentException("filters must not contain blank entries, got " + filters);
            }
        }
    }
}
