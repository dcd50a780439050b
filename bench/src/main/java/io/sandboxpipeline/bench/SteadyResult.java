package io.sandboxpipeline.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures of one system in the steady-arrival comparison.
 *
 * @param system       its name
 * @param events       events that arrived
 * @param uniqueHashes distinct contents among them
 * @param scanned      distinct contents the reputation does not know (they need one upload each)
 * @param completed    events that reached a terminal result (the verdicts)
 * @param duplicates   extra terminal records (an event must end exactly once)
 * @param wall         from the first arrival to the last verdict
 * @param calls        every HTTP request the system's emulator received from the first arrival to the last verdict,
 *                     per endpoint and status ({@code 429}s included)
 * @param uploads      accepted uploads of the workload's contents
 * @param latency      event-to-verdict latencies (from publish, or from the script being handed the event)
 * @param outcomes     events per outcome
 */
record SteadyResult(String system, int events, int uniqueHashes, int scanned, int completed, int duplicates,
                    Duration wall, CallCounts calls, long uploads, LatencyStats latency, Map<String, Long> outcomes) {

    SteadyResult {
        outcomes = Map.copyOf(outcomes);
    }

    static SteadyResult of(String system, List<BenchEvent> events, Collection<EventResult> results, int duplicates,
                           Duration wall, CallCounts calls) {
        Set<String> unique = Workload.uniqueHashes(events);
        Map<String, Long> outcomes = new TreeMap<>();
        results.forEach(result -> outcomes.merge(result.outcome(), 1L, Long::sum));
        return new SteadyResult(system, events.size(), unique.size(), Workload.scannedHashes(events).size(),
                results.size(), duplicates, wall, calls, calls.submissionsOf(unique),
                LatencyStats.of(results.stream().map(EventResult::latency).toList()), outcomes);
    }

    boolean complete() {
        return completed == events && duplicates == 0;
    }

    /** All HTTP requests the emulator received per verdict: what one answered event costs the Sandbox. */
    double callsPerVerdict() {
        return completed == 0 ? 0.0 : (double) calls.totalRequests() / completed;
    }

    /** Requests the emulator refused with 429. */
    long rateLimited() {
        return calls.statuses().getOrDefault(429, 0L);
    }
}
