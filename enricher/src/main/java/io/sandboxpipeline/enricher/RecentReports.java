package io.sandboxpipeline.enricher;

import io.sandboxpipeline.client.FlowReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The extended reports fetched most recently, by flow id, least recently used dropped first. A finished flow's report
 * does not change, so every further verdict of the same flow (duplicates of one content, cache hits) is enriched
 * without another call. A fetch that failed for good is remembered too, with its reason, so a report that is not
 * visible to our key is not asked for again and again. Lost on restart by design: it is only a saving.
 */
final class RecentReports {

    /** A fetched report, or why there is none. */
    record Enrichment(Optional<FlowReport> report, String error) {
    }

    private final Map<String, Enrichment> byFlow;

    RecentReports(int capacity) {
        this.byFlow = new LinkedHashMap<>(capacity, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Enrichment> eldest) {
                return size() > capacity;
            }
        };
    }

    Optional<Enrichment> get(String flowId) {
        return Optional.ofNullable(byFlow.get(flowId));
    }

    void fetched(String flowId, FlowReport report) {
        byFlow.put(flowId, new Enrichment(Optional.of(report), null));
    }

    void unavailable(String flowId, String error) {
        byFlow.put(flowId, new Enrichment(Optional.empty(), error));
    }
}
