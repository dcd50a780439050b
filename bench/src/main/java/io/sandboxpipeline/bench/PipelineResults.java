package io.sandboxpipeline.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the pipeline's terminal records into {@link EventResult}s. */
final class PipelineResults {

    private PipelineResults() {
    }

    /** One result per published event that has a terminal record; its arrival is when it was published. */
    static List<EventResult> of(Map<String, VerdictCollector.Terminal> terminals, Map<String, Instant> publishedAt) {
        List<EventResult> results = new ArrayList<>(terminals.size());
        terminals.forEach((eventId, t) -> {
            Instant arrived = publishedAt.get(eventId);
            if (arrived != null) {
                results.add(new EventResult(eventId, t.sha256(), arrived, t.readAt(), t.status(), t.verdict(),
                        t.decidedBy(), t.flowId()));
            }
        });
        return results;
    }
}
