package io.sandboxpipeline.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One report of a flow (one per scanned file; an archive gives one per member). Which parts are filled depends on the
 * {@link ReportQuery}: e.g. {@code tags} only with the {@code allTags} filter.
 *
 * @param overallState UNKNOWN when the service did not send it
 * @param filterErrors the service's {@code filter_errors}, e.g. "Resource not found: ['osint', 'file']"
 * @param estimatedProgress {@code estimated_progress}, 0..1
 */
public record Report(String reportId, OverallState overallState, Optional<FinalVerdict> finalVerdict,
        Optional<FileInfo> file, List<Tag> tags, List<SignalGroup> signalGroups, List<Ioc> iocs,
        List<String> filterErrors, OptionalDouble estimatedProgress) {

    public Report {
        Objects.requireNonNull(reportId, "reportId must not be null");
        Objects.requireNonNull(overallState, "overallState must not be null (use OverallState.UNKNOWN)");
        Objects.requireNonNull(finalVerdict, "finalVerdict must not be null (use Optional.empty())");
        Objects.requireNonNull(file, "file must not be null (use Optional.empty())");
        tags = List.copyOf(Objects.requireNonNull(tags, "tags must not be null (use an empty list)"));
        signalGroups = List.copyOf(Objects.requireNonNull(signalGroups, "signalGroups must not be null"));
        iocs = List.copyOf(Objects.requireNonNull(iocs, "iocs must not be null (use an empty list)"));
        filterErrors = List.copyOf(Objects.requireNonNull(filterErrors, "filterErrors must not be null"));
        Objects.requireNonNull(estimatedProgress, "estimatedProgress must not be null (use OptionalDouble.empty())");
    }
}
