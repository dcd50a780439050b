package io.sandboxpipeline.enricher.iocfeed;

import io.sandboxpipeline.core.topic.Topic;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.IocFeedEntry;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The IOC feed: every indicator of compromise the verdicts name, aggregated over all scans into one entry per
 * indicator on a compacted topic, as the Sandbox's own IOC prevalence aggregates its reports.
 *
 * <pre>
 * verdicts --[ioc-feed-sightings]--> (ioc key, one sighting) --repartition: verdicts-by-ioc--> [ioc-feed-merge] --> ioc-feed
 *                                                                                   store: enricher-ioc-feed
 * </pre>
 *
 * Every internal resource is named (the repartition topic {@code <application.id>-verdicts-by-ioc-repartition}, the
 * store and its changelog {@code <application.id>-enricher-ioc-feed-changelog}), so they keep their names across
 * releases. The names sort after the enricher's {@code outcomes-source}, which keeps the enrichment in sub-topology 0.
 */
public final class IocFeedTopology {

    public static final String IOC_FEED_STORE = "enricher-ioc-feed";
    public static final String BY_IOC = "verdicts-by-ioc";
    /** Recent flow ids an entry keeps: how far back a repeated flow is recognised. */
    public static final int RECENT_FLOWS = 20;

    static final String VERDICTS_SOURCE = "verdicts-ioc-feed-source";
    static final String SIGHTINGS = "ioc-feed-sightings";
    static final String MERGE = "ioc-feed-merge";
    static final String UPDATES = "ioc-feed-updates";
    static final String TO_IOC_FEED = "ioc-feed-to-topic";

    private IocFeedTopology() {
    }

    /**
     * Adds the sub-topology to {@code builder}.
     *
     * @param maxTags tag names an entry keeps
     */
    public static void addTo(StreamsBuilder builder, Topic<String, EnrichedVerdict> verdicts, Topic<String, IocFeedEntry> feed,
                             int maxTags) {
        IocFeedMerge merge = new IocFeedMerge(maxTags, RECENT_FLOWS);
        builder.stream(verdicts.name(), verdicts.consumed(VERDICTS_SOURCE))
                // one sighting per indicator a verdict names (its file's sha256 too); events without a verdict name none
                .flatMap((eventId, verdict) -> IocSightings.of(verdict, merge), Named.as(SIGHTINGS))
                // every sighting of an indicator must meet in one task, whichever file and partition it came from
                .groupByKey(Grouped.with(BY_IOC, feed.keySerde(), feed.valueSerde()))
                // a sighting is a one-scan entry of the same type, so folding it in is a reduce; the store is the feed's state
                .reduce(merge::merge, Named.as(MERGE),
                        Materialized.<String, IocFeedEntry, KeyValueStore<Bytes, byte[]>>as(IOC_FEED_STORE)
                                .withKeySerde(feed.keySerde())
                                .withValueSerde(feed.valueSerde()))
                // every change is published; compaction keeps the latest picture per indicator
                .toStream(Named.as(UPDATES))
                .to(feed.name(), feed.produced(TO_IOC_FEED));
    }
}
