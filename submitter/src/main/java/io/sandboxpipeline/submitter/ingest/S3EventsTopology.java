package io.sandboxpipeline.submitter.ingest;

import io.sandboxpipeline.core.topic.PipelineTopics;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds S3 event notification ingest to a topology:
 *
 * <pre>
 * notifications topic (S3 event JSON) -> [s3-events-process] --event id--> file-arrivals (FileArrival)
 *                                             |     \-> dead-letters (unreadable notifications, with their bytes)
 *                                             \-- s3-events-first-seen + s3-events-expiry (dedup, changelogged)
 * </pre>
 */
public final class S3EventsTopology {

    /** Repeated notifications for one object version within this window are dropped. */
    public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofDays(1);
    /** Expired dedup entries are deleted at least this often (more often for shorter windows). */
    static final Duration MAX_EXPIRY_INTERVAL = Duration.ofMinutes(1);

    public static final String SOURCE = "s3-events-source";
    public static final String PROCESSOR = "s3-events-process";
    public static final String FIRST_SEEN_STORE = "s3-events-first-seen";
    public static final String EXPIRY_STORE = "s3-events-expiry";
    public static final String TO_FILE_ARRIVALS = "s3-events-to-file-arrivals";
    public static final String TO_DEAD_LETTERS = "s3-events-to-dead-letters";

    private S3EventsTopology() {
    }

    /**
     * @param topology           the topology to add to (the submitter's)
     * @param topics             the pipeline's topics: arrivals and dead letters are written there
     * @param notificationsTopic the topic the object store's notifications arrive on (created by whoever configures the store)
     * @param dedupWindow        how long a forwarded object version suppresses repeated notifications for it
     * @param counts             where the processors count what they forwarded, ignored and dead-lettered
     */
    public static void addTo(Topology topology, PipelineTopics topics, String notificationsTopic, Duration dedupWindow,
                             IngestCounts counts) {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(counts, "counts");
        if (notificationsTopic == null || notificationsTopic.isBlank()) {
            throw new IllegalArgumentException("the S3 notifications topic must be named");
        }
        if (notificationsTopic.equals(topics.fileArrivals().name())) {
            throw new IllegalArgumentException("the S3 notifications topic must not be the file-arrivals topic "
                    + notificationsTopic + ": the ingest writes its output there");
        }
        if (dedupWindow == null || dedupWindow.toMillis() < 1) {
            throw new IllegalArgumentException("the S3 dedup window must be at least 1ms, got " + dedupWindow);
        }
        Duration expiryInterval = dedupWindow.compareTo(MAX_EXPIRY_INTERVAL) < 0 ? dedupWindow : MAX_EXPIRY_INTERVAL;

        // notifications are read as bytes so that JSON we cannot read is dead-lettered instead of stopping the stage
        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), notificationsTopic);
        topology.addProcessor(PROCESSOR, () -> new S3EventsProcessor(new S3EventParser(), dedupWindow, expiryInterval, counts),
                SOURCE);
        // the dedup state survives restarts and rebalances through its changelogs, so a redelivery after a restart
        // is still recognised
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FIRST_SEEN_STORE),
                Serdes.String(), Serdes.Long()), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXPIRY_STORE),
                Serdes.Bytes(), Serdes.ByteArray()), PROCESSOR);
        // keyed by event id, the pipeline's input contract; the submitter's hash-files step reads them from there
        topology.addSink(TO_FILE_ARRIVALS, topics.fileArrivals().name(), Serdes.String().serializer(),
                topics.fileArrivalSerde().serializer(), PROCESSOR);
        // notifications we cannot read go where operators already look for bad input, with their original bytes
        topology.addSink(TO_DEAD_LETTERS, topics.deadLetters().name(), Serdes.String().serializer(),
                topics.deadLetters().valueSerde().serializer(), PROCESSOR);
    }
}
