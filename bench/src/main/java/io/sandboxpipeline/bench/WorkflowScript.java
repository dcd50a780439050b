package io.sandboxpipeline.bench;

import io.sandboxpipeline.client.FileUpload;
import io.sandboxpipeline.client.FlowReport;
import io.sandboxpipeline.client.HashReputation;
import io.sandboxpipeline.client.ReportQuery;
import io.sandboxpipeline.client.SandboxClient;
import io.sandboxpipeline.client.ScanOptions;
import io.sandboxpipeline.client.Verdict;
import io.sandboxpipeline.core.source.Sha256;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One event the way the Sandbox's Workflow Guide reads as a script: hash the file, ask the reputation API (likely
 * malicious or malicious decides without an upload), otherwise upload it privately and poll the report every
 * {@code pollInterval} until it is finished. No memory of earlier events: every copy of a content is handled anew.
 */
final class WorkflowScript {

    private final SandboxClient client;
    private final Duration pollInterval;
    private final Duration scanDeadline;
    private final Clock clock;

    WorkflowScript(SandboxClient client, Duration pollInterval, Duration scanDeadline, Clock clock) {
        this.client = client;
        this.pollInterval = pollInterval;
        this.scanDeadline = scanDeadline;
        this.clock = clock;
    }

    EventResult run(BenchEvent event, Instant arrivedAt) throws IOException, InterruptedException {
        return runHashed(event, hash(event), arrivedAt);
    }

    /** The SHA-256 of the event's file, read from the file as the script does. */
    static String hash(BenchEvent event) throws IOException {
        return Sha256.of(event.file()).sha256();
    }

    /** The script after its first step, for a caller that hashed the file already. */
    EventResult runHashed(BenchEvent event, String sha256, Instant arrivedAt) throws IOException, InterruptedException {
        HashReputation reputation = SandboxCalls.await(() -> client.hashReputation(sha256));
        if (reputation.isMaliciousEnoughToSkipScan()) {
            return result(event, sha256, arrivedAt, "DONE", reputation.overallVerdict(), "REPUTATION", null);
        }
        String flowId = SandboxCalls.await(() -> client.submitFile(FileUpload.ofPath(event.file()), ScanOptions.defaults()))
                .flowId();
        Instant deadline = clock.instant().plus(scanDeadline);
        while (clock.instant().isBefore(deadline)) {
            Thread.sleep(pollInterval.toMillis());
            FlowReport report = SandboxCalls.await(() -> client.report(flowId, ReportQuery.POLL));
            if (report.isFinished()) {
                String status = report.isFailed() ? "FAILED" : "DONE";
                return result(event, sha256, arrivedAt, status, report.verdict().orElse(Verdict.UNKNOWN), "SANDBOX", flowId);
            }
        }
        return result(event, sha256, arrivedAt, "TIMED_OUT", Verdict.UNKNOWN, "NONE", flowId);
    }

    private EventResult result(BenchEvent event, String sha256, Instant arrivedAt, String status, Verdict verdict,
                               String decidedBy, String flowId) {
        return new EventResult(event.eventId(), sha256, arrivedAt, clock.instant(), status, verdict.name(), decidedBy,
                flowId);
    }
}
