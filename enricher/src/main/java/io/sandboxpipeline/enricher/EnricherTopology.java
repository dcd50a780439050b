package io.sandboxpipeline.enricher;

import io.sandboxpipeline.core.async.Backoff;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.topic.PipelineTopics;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The enricher: outcomes in, enriched verdict events out, one per input event.
 *
 * <pre>
 * outcomes --> [enrich-verdicts] --> verdicts
 *                   ^ GET /api/scan/{flow_id}/report?filter=allTags&filter=allSignalGroups&filter=iocs...
 * </pre>
 */
public final class EnricherTopology {

    public static final String STAGE_NAME = "enricher";
    public static final String PENDING_ENRICHMENTS_STORE = "enricher-pending-enrichments";

    static final String OUTCOMES_SOURCE = "outcomes-source";
    static final String ENRICH_VERDICTS = "enrich-verdicts";
    static final String TO_VERDICTS = "enrich-verdicts-to-verdicts";

    private EnricherTopology() {
    }

    public static Topology build(PipelineTopics topics, EnricherConfig config, SandboxApi api, RandomGenerator random,
                                 QuotaLimiter limiter, PipelineMetrics metrics) {
        Topology topology = new Topology();
        topology.addSource(OUTCOMES_SOURCE, Serdes.String().deserializer(), topics.scanOutcomeSerde().deserializer(), topics.outcomes().name());
        Backoff backoff = new Backoff(config.retryBackoff(), Duration.ofMinutes(1), random);
        topology.addProcessor(ENRICH_VERDICTS, () -> new EnrichVerdictsProcessor(api, config, backoff, limiter, metrics), OUTCOMES_SOURCE);
        // outcomes waiting for their extended report survive restarts and are fetched again
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_ENRICHMENTS_STORE),
                Serdes.String(), topics.scanOutcomeSerde()), ENRICH_VERDICTS);
        topology.addSink(TO_VERDICTS, topics.verdicts().name(), Serdes.String().serializer(), topics.verdicts().valueSerde().serializer(), ENRICH_VERDICTS);
        return topology;
    }
}
