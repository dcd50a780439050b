package io.sandboxpipeline.emulator.internal.scan;

import io.sandboxpipeline.emulator.SubmittedScan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A submitted scan. Everything about its outcome is decided at submission; the clock only decides how much of it a
 * poll sees: queued until {@code queueEndsAt}, in progress until {@code finishesAt}, then finished.
 */
public final class Flow {

    private final SubmittedScan submission;
    private final Instant queueEndsAt;
    private final Instant finishesAt;
    private final List<FileReport> reports;
    private final Optional<ArchiveSource> archive;
    private final Optional<String> rejectedReason;
    private final Optional<String> failure;
    private final AtomicLong polls = new AtomicLong();

    /**
     * @param rejectedReason set when the upload was rejected as a whole (e.g. {@code INVALID_PASSWORD})
     * @param failure        the {@code job.reason} when the whole flow failed
     */
    public Flow(SubmittedScan submission, Instant queueEndsAt, Instant finishesAt, List<FileReport> reports,
                Optional<ArchiveSource> archive, Optional<String> rejectedReason, Optional<String> failure) {
        this.submission = submission;
        this.queueEndsAt = queueEndsAt;
        this.finishesAt = finishesAt;
        this.reports = List.copyOf(reports);
        this.archive = archive;
        this.rejectedReason = rejectedReason;
        this.failure = failure;
    }

    public String flowId() {
        return submission.flowId();
    }

    public SubmittedScan submission() {
        return submission;
    }

    public Instant submittedAt() {
        return submission.submittedAt();
    }

    /** When the reports are created ({@code created_date}). */
    public Instant queueEndsAt() {
        return queueEndsAt;
    }

    public Instant finishesAt() {
        return finishesAt;
    }

    public List<FileReport> reports() {
        return reports;
    }

    public Optional<ArchiveSource> archive() {
        return archive;
    }

    public Optional<String> rejectedReason() {
        return rejectedReason;
    }

    public Optional<String> failure() {
        return failure;
    }

    public FlowPhase phaseAt(Instant now) {
        if (!now.isBefore(finishesAt)) {
            return FlowPhase.FINISHED;
        }
        return now.isBefore(queueEndsAt) ? FlowPhase.QUEUED : FlowPhase.IN_PROGRESS;
    }

    /** Progress of the scanning phase, 0 at its start, 1 when finished. */
    public double progressAt(Instant now) {
        if (!now.isBefore(finishesAt)) {
            return 1.0;
        }
        long total = Duration.between(queueEndsAt, finishesAt).toMillis();
        long done = Duration.between(queueEndsAt, now).toMillis();
        return total <= 0 || done <= 0 ? 0.0 : Math.min(0.99, (double) done / total);
    }

    void countPoll() {
        polls.incrementAndGet();
    }

    public long polls() {
        return polls.get();
    }
}
