package io.sandboxpipeline.bench;

import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.emulator.SubmittedScan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Counts the report polls a flow needed until it was seen finished, although polls and the enricher's fetch of the
 * extended report hit the same endpoint ({@code GET /api/scan/{id}/report}) and the emulator only counts requests per
 * flow. A request can only be an enrichment fetch once the flow has finished, so the emulator's count read at the
 * instant the flow finishes is the number of polls that saw it unfinished; the poll that sees it finished is one more.
 * Flows are tracked as they appear on the pipeline's scan-flows topic, and the count is read by a timer at
 * {@code submittedAt + scanDuration} (by the emulator's own record of the submission).
 *
 * <p>A flow first seen after it had already finished cannot be read this way; it falls back to "all report requests
 * of the flow minus one enrichment fetch", which over-counts when the extended report is fetched more than once.
 * Both counts are reported, so a reader can tell. A poll arriving within the timer's few milliseconds of lateness is
 * counted as unfinished, i.e. the error, if any, is one poll too many, never one too few.
 */
final class PollCounter implements AutoCloseable {

    private final SandboxEmulator emulator;
    private final Duration scanDuration;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Set<String> tracked = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> unfinishedPolls = new ConcurrentHashMap<>();

    PollCounter(SandboxEmulator emulator, Duration scanDuration, Clock clock) {
        this.emulator = emulator;
        this.scanDuration = scanDuration;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-poll-counter");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A flow the pipeline submitted; called when its scan-flows record is read. */
    void track(String flowId) {
        if (!tracked.add(flowId)) {
            return;
        }
        Optional<SubmittedScan> submission = emulator.submission(flowId);
        if (submission.isEmpty()) {
            return;
        }
        Instant finishes = submission.get().submittedAt().plus(scanDuration);
        long delayMs = Duration.between(clock.instant(), finishes).toMillis();
        if (delayMs > 0) {
            timer.schedule(() -> unfinishedPolls.put(flowId, emulator.stats().reportPolls(flowId)), delayMs,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** The flows seen on the scan-flows topic: the ones the pipeline submitted. */
    Set<String> trackedFlows() {
        return Set.copyOf(tracked);
    }

    /** Polls until the flow was seen finished, when it was counted at its finish; empty if it was not. */
    OptionalLong pollsUntilFinished(String flowId) {
        Long unfinished = unfinishedPolls.get(flowId);
        return unfinished == null ? OptionalLong.empty() : OptionalLong.of(unfinished + 1);
    }

    /** Every report request the emulator received for the flow (polls and enrichment fetches). */
    long reportRequests(String flowId) {
        return emulator.stats().reportPolls(flowId);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
