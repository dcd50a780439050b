package io.sandboxpipeline.client;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The answer of {@code GET /api/scan/{flow_id}/report}: the state of a whole flow and its reports.
 *
 * @param allFinished the service's completion flag (false when absent)
 * @param reportsAmount how many reports the flow has (0 for a rejected archive)
 * @param priority e.g. {@code max}, {@code medium}, {@code least}
 * @param pollPause the service's suggested seconds before the next poll (5 or 12 observed)
 * @param state {@code created}, {@code queued}, {@code scanning}, {@code finished}
 * @param fileSize bytes of the uploaded object
 * @param reports in the order the service sent them; empty while queued, for rejected archives and for whitelisted
 *     files submitted with {@code skip_whitelisted}
 */
public record FlowReport(String flowId, boolean allFinished, Optional<Boolean> allFilesDownloadFinished,
        Optional<Boolean> allAdditionalStepsDone, int reportsAmount, Optional<String> priority, OptionalInt pollPause,
        Optional<String> state, OptionalLong fileSize, Optional<JobStatus> job, List<RejectedFile> rejectedFiles,
        Optional<SourceArchive> sourceArchive, List<Report> reports) {

    private static final Comparator<FinalVerdict> SEVERITY = Comparator
            .comparingDouble(FinalVerdict::threatLevel)
            .thenComparingDouble(v -> v.verdict().nominalThreatLevel());

    public FlowReport {
        Objects.requireNonNull(flowId, "flowId must not be null");
        Objects.requireNonNull(allFilesDownloadFinished, "allFilesDownloadFinished must not be null");
        Objects.requireNonNull(allAdditionalStepsDone, "allAdditionalStepsDone must not be null");
        Objects.requireNonNull(priority, "priority must not be null (use Optional.empty())");
        Objects.requireNonNull(pollPause, "pollPause must not be null (use OptionalInt.empty())");
        Objects.requireNonNull(state, "state must not be null (use Optional.empty())");
        Objects.requireNonNull(fileSize, "fileSize must not be null (use OptionalLong.empty())");
        Objects.requireNonNull(job, "job must not be null (use Optional.empty())");
        rejectedFiles = List.copyOf(Objects.requireNonNull(rejectedFiles, "rejectedFiles must not be null"));
        Objects.requireNonNull(sourceArchive, "sourceArchive must not be null (use Optional.empty())");
        reports = List.copyOf(Objects.requireNonNull(reports, "reports must not be null (use an empty list)"));
    }

    /**
     * The service's {@code allFinished}. Deliberately does not look at {@code reports}: a finished flow may have none
     * (a rejected archive, or a whitelisted file with {@code skip_whitelisted}); {@link #isFailed()} and
     * {@link #verdict()} tell those apart.
     */
    public boolean isFinished() {
        return allFinished;
    }

    /**
     * True when the flow failed and should be retried or given up: {@code job.error}; or some report ended
     * {@code failed}/{@code failed_partial} while none succeeded and none is still pending (so a sibling that may still
     * succeed is waited for); or the flow finished with no report but with rejected files (e.g. INVALID_PASSWORD).
     */
    public boolean isFailed() {
        return failureReason().isPresent();
    }

    /** Why {@link #isFailed()} is true: {@code job.reason}, the distinct rejected reasons, or "overallState failed". */
    public Optional<String> failureReason() {
        if (job.isPresent() && job.get().error()) {
            return Optional.of(job.get().reason().filter(r -> !r.isBlank()).orElse("job.error without a reason"));
        }
        boolean anySuccess = reports.stream().anyMatch(r -> r.overallState().isSuccess());
        boolean anyPending = reports.stream().anyMatch(r -> !r.overallState().isTerminal());
        Optional<Report> failed = reports.stream()
                .filter(r -> r.overallState() == OverallState.FAILED || r.overallState() == OverallState.FAILED_PARTIAL)
                .findFirst();
        if (failed.isPresent() && !anySuccess && (allFinished || !anyPending)) {
            return Optional.of("overallState " + failed.get().overallState().name().toLowerCase(Locale.ROOT));
        }
        if (allFinished && reports.isEmpty() && !rejectedFiles.isEmpty()) {
            return Optional.of(rejectedFiles.stream()
                    .map(f -> f.reason().isBlank() ? "rejected" : f.reason())
                    .distinct()
                    .collect(Collectors.joining(", ")));
        }
        return Optional.empty();
    }

    /**
     * The flow's verdict: for an archive {@code sourceArchive.verdict} (the Workflow Guide's advice), otherwise the
     * worst {@code finalVerdict} among reports whose {@code overallState} is success or success_partial (worst by
     * threatLevel). Empty while nothing has succeeded.
     */
    public Optional<Verdict> verdict() {
        Optional<Verdict> archiveVerdict = sourceArchive.flatMap(SourceArchive::verdict);
        if (archiveVerdict.isPresent()) {
            return archiveVerdict;
        }
        return worstSuccessfulVerdict().map(FinalVerdict::verdict);
    }

    /**
     * The threatLevel number matching {@link #verdict()}: the worst successful report's when its verdict is the flow's,
     * else (e.g. an archive whose derived verdict differs from its worst member's) the verdict's nominal level; 0
     * (UNKNOWN's level) when there is no verdict at all.
     */
    public double threatLevel() {
        return verdictDetails().map(FinalVerdict::threatLevel)
                .orElseGet(() -> verdict().map(Verdict::nominalThreatLevel).orElse(Verdict.UNKNOWN.nominalThreatLevel()));
    }

    /**
     * The {@code finalVerdict} (threatLevel, confidence) that belongs to {@link #verdict()}: the worst successful
     * report's, when its verdict is the flow's verdict. For an archive whose {@code sourceArchive.verdict} differs from
     * its worst member's (the service derives it its own way [?]), there is none: a member's numbers would contradict
     * the verdict that is published.
     */
    public Optional<FinalVerdict> verdictDetails() {
        Optional<FinalVerdict> worst = worstSuccessfulVerdict();
        Optional<Verdict> verdict = verdict();
        return worst.filter(w -> verdict.isPresent() && w.verdict() == verdict.get());
    }

    private Optional<FinalVerdict> worstSuccessfulVerdict() {
        return reports.stream()
                .filter(r -> r.overallState().isSuccess())
                .flatMap(r -> r.finalVerdict().stream())
                .max(SEVERITY);
    }
}
