package io.sandboxpipeline.enricher;

import io.sandboxpipeline.core.async.Backoff;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.enricher.iocfeed.IocFeedTopology;
import io.sandboxpipeline.enricher.json.VerdictJsonProcessor;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.util.ArrayList;
import java.util.random.RandomGenerator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The enricher: outcomes in, enriched verdict events out, one per input event; optionally each also as JSON; and the
 * IOC feed aggregated from the verdicts.
 *
 * <pre>
 * outcomes --> [enrich-verdicts] --> verdicts --> (see {@link IocFeedTopology}) --> ioc-feed   (enricher.ioc.feed, default on)
 *                 ^       \--> [verdicts-to-json] --> verdicts-json                         (enricher.json.mirror=true)
 *                 GET /api/scan/{flow_id}/report?filter=allTags&filter=allSignalGroups&filter=iocs...
 * </pre>
 */
public final class EnricherTopology {

    private EnricherTopology() {
    }

    public static Topology build(PipelineTopics topics, EnricherConfig config, SandboxApi api, RandomGenerator random,
                                 QuotaLimiter limiter, PipelineMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        // outcomes waiting for their extended report survive restarts and are fetched again
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EnricherNames.PENDING_ENRICHMENTS_STORE),
                Serdes.String(), topics.scanOutcomeSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EnricherNames.REPORT_WAITERS_STORE),
                Serdes.String(), Serdes.ListSerde(ArrayList.class, Serdes.String())));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EnricherNames.REPORT_QUEUE_STORE),
                Serdes.Bytes(), Serdes.String()));
        Backoff backoff = new Backoff(config.retryBackoff(), EnricherConfig.MAX_RETRY_BACKOFF, random);
        // the enrichment is added first, so it stays sub-topology 0 (task ids, and with them local state, keep their place)
        KStream<String, EnrichedVerdict> verdicts = builder
                .stream(topics.outcomes().name(), topics.outcomes().consumed(EnricherNames.OUTCOMES_SOURCE))
                .process(() -> new EnrichVerdictsProcessor(api, config, backoff, limiter, metrics), Named.as(EnricherNames.ENRICH_VERDICTS),
                        EnricherNames.PENDING_ENRICHMENTS_STORE, EnricherNames.REPORT_WAITERS_STORE, EnricherNames.REPORT_QUEUE_STORE);
        // the output SOC tooling reads: one verdict per input event, keyed by event id
        verdicts.to(topics.verdicts().name(), topics.verdicts().produced(EnricherNames.TO_VERDICTS));
        if (config.jsonMirror()) {
            // a child of the enrichment, so each JSON copy is written in the same transaction as its Avro verdict
            verdicts.process(VerdictJsonProcessor::new, Named.as(EnricherNames.VERDICTS_TO_JSON))
                    .to(topics.verdictsJson().name(), topics.verdictsJson().produced(EnricherNames.TO_VERDICTS_JSON));
        }
        if (config.iocFeed()) {
            // a sub-topology of its own: it reads the verdicts back, so every verdict counts once it is committed
            IocFeedTopology.addTo(builder, topics.verdicts(), topics.iocFeed(), config.iocFeedMaxTags());
        }
        return builder.build();
    }
}
