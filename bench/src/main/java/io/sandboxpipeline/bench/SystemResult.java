package io.sandboxpipeline.bench;

import io.sandboxpipeline.emulator.Endpoint;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The measured figures of one system (pipeline, pool or sequential) on one workload.
 *
 * @param system                  its name
 * @param events                  events it was given
 * @param uniqueHashes            distinct contents among them
 * @param scannedHashes           distinct contents the reputation does not know (they need one scan each)
 * @param knownEvents             events whose content the reputation knows
 * @param completed               events that reached a terminal result
 * @param duplicates              extra terminal records (an event must end exactly once)
 * @param wall                    from the first event's arrival to the last terminal result (the makespan)
 * @param calls                   Sandbox requests the system made, per endpoint and status
 * @param submissions             accepted uploads of the workload's contents
 * @param submissionsOfKnown      uploads of contents the reputation knew (a reputation check saves them)
 * @param maxSubmissionsOfOneHash the most uploads of one content
 * @param polls                   report polls per scan
 * @param minPollsPerScan         the fewest polls that see a scan finished as early as the service's polling rules
 *                                allow ({@link MinPolls})
 * @param latency                 event-to-verdict latencies
 * @param floor                   the earliest any client polling as the service asks could see the last verdict
 *                                ({@link MakespanFloor})
 * @param heap                    peak heap during the run
 * @param outcomes                events per outcome, e.g. {@code DONE NO_THREAT by SANDBOX}
 */
record SystemResult(String system, int events, int uniqueHashes, int scannedHashes, long knownEvents, int completed,
                    int duplicates, Duration wall, CallCounts calls, long submissions, long submissionsOfKnown,
                    long maxSubmissionsOfOneHash, FlowPolls polls, int minPollsPerScan, LatencyStats latency,
                    Duration floor, HeapWatch.Peak heap, Map<String, Long> outcomes) {

    SystemResult {
        outcomes = Map.copyOf(outcomes);
    }

    /** Assembles the figures of one run from what it produced and what the emulator counted. */
    static SystemResult of(String system, List<BenchEvent> events, Collection<EventResult> results, int duplicates,
                           Duration wall, CallCounts calls, FlowPolls polls, int minPollsPerScan, Duration floor,
                           HeapWatch.Peak heap) {
        Set<String> unique = Workload.uniqueHashes(events);
        Set<String> scanned = Workload.scannedHashes(events);
        Set<String> known = new LinkedHashSet<>(unique);
        known.removeAll(scanned);
        long maxOfOne = calls.submissionsByHash().values().stream().mapToLong(Long::longValue).max().orElse(0);
        Map<String, Long> outcomes = new TreeMap<>();
        results.forEach(result -> outcomes.merge(result.outcome(), 1L, Long::sum));
        LatencyStats latency = LatencyStats.of(results.stream().map(EventResult::latency).toList());
        return new SystemResult(system, events.size(), unique.size(), scanned.size(), Workload.knownEvents(events),
                results.size(), duplicates, wall, calls, calls.submissionsOf(unique), calls.submissionsOf(known),
                maxOfOne, polls, minPollsPerScan, latency, floor, heap, outcomes);
    }

    boolean complete() {
        return completed == events && duplicates == 0;
    }

    double wallSeconds() {
        return wall.toMillis() / 1000.0;
    }

    /** Events that reached their terminal result per second of wall time. */
    double eventsPerSecond() {
        return wall.isZero() ? 0.0 : completed / (wall.toNanos() / 1e9);
    }

    /** Uploads per distinct content that needed a scan: 1.00 when every content is uploaded exactly once. */
    double submissionsPerScannedHash() {
        return scannedHashes == 0 ? 0.0 : (double) (submissions - submissionsOfKnown) / scannedHashes;
    }

    /** Reputation look-ups per distinct content: at most 1.00 when no content is looked up twice. */
    double reputationCallsPerUniqueHash() {
        return uniqueHashes == 0 ? 0.0 : (double) calls.reputationCalls() / uniqueHashes;
    }

    /** Report requests that were not polls of the system's own scans (fetches of extended reports). */
    long otherReportRequests() {
        return calls.requests(Endpoint.REPORT) - polls.polls();
    }

    /** Makespan over its floor: 1.00 would be as fast as the service allows; below 1 the measurement is wrong. */
    double makespanOverFloor() {
        return floor.isZero() ? 0.0 : (double) wall.toNanos() / floor.toNanos();
    }
}
