package io.sandboxpipeline.emulator;

import io.sandboxpipeline.emulator.internal.reputation.HashesAsked;
import io.sandboxpipeline.emulator.internal.scan.FileReport;
import io.sandboxpipeline.emulator.internal.scan.FlowRegistry;
import java.util.Map;

/** Live, thread-safe counters of a running {@link SandboxEmulator}. */
public final class EmulatorStats {

    private final RequestCounters counters;
    private final FlowRegistry flows;
    private final HashesAsked hashesAsked;

    EmulatorStats(RequestCounters counters, FlowRegistry flows, HashesAsked hashesAsked) {
        this.counters = counters;
        this.flows = flows;
        this.hashesAsked = hashesAsked;
    }

    /** Requests received for an endpoint, rejected ones (401, 404, 405, 429, injected 5xx, ...) included. */
    public long requests(Endpoint endpoint) {
        return counters.requests(endpoint);
    }

    /** Requests per endpoint (every endpoint present, zero when none). */
    public Map<Endpoint, Long> requestsByEndpoint() {
        return counters.requestsByEndpoint();
    }

    /** Answers per HTTP status, injected faults included. */
    public Map<Integer, Long> responsesByStatus() {
        return counters.responsesByStatus();
    }

    /** Accepted submissions ({@code /api/scan/file} and {@code /api/scan/url} answered with a flow id). */
    public long submissions() {
        return flows.submissions();
    }

    /** Accepted submissions of a sha256 (of the uploaded file; of the URL string for URL scans). */
    public long submissionsOfHash(String sha256) {
        return flows.submissionsOf(sha256);
    }

    /**
     * Report requests received for a flow, counted before authentication and fault injection; 0 for unknown flows.
     */
    public long reportPolls(String flowId) {
        return flows.polls(flowId);
    }

    /**
     * Flows of a sha256 whose scan failed and whose report nobody ever asked for: uploads whose answer was lost and
     * whose flow the documented search cannot find (it lists successful reports only), so the content had to be
     * scanned again, as after any failed scan.
     */
    public long failedFlowsNeverPolled(String sha256) {
        return flows.withSha256(sha256).stream()
                .filter(flow -> flow.failure().isPresent() || (!flow.reports().isEmpty()
                        && flow.reports().stream().allMatch(FileReport::failed)))
                .filter(flow -> flows.polls(flow.flowId()) == 0)
                .count();
    }

    /**
     * Hashes the hash reputation endpoints answered for, each time it was asked: one per {@code GET}, one per entry
     * of a bulk {@code POST} (requests refused before the look-up, e.g. with 401, 429 or 400, ask nothing).
     */
    public long reputationHashesAsked() {
        return hashesAsked.asked();
    }

    /** Distinct hashes the hash reputation endpoints answered for (see {@link HashesAsked} for how they are kept). */
    public long distinctReputationHashesAsked() {
        return hashesAsked.distinct();
    }

    public int flowsCreated() {
        return flows.size();
    }

    @Override
    public String toString() {
        return "EmulatorStats[requests=" + requestsByEndpoint() + ", responses=" + responsesByStatus()
                + ", submissions=" + submissions() + ", flows=" + flowsCreated() + "]";
    }
}
