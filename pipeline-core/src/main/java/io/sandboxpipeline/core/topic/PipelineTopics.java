package io.sandboxpipeline.core.topic;

import io.sandboxpipeline.schemas.CachedVerdict;
import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.HashWork;
import io.sandboxpipeline.schemas.IocFeedEntry;
import io.sandboxpipeline.schemas.ScanFlow;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.schemas.ScanResult;
import io.sandboxpipeline.serde.AvroClassTrust;
import io.sandboxpipeline.serde.AvroSerdes;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed descriptors of every pipeline topic: names from {@link TopicNames}, string keys, Avro values in the
 * Confluent wire format. One instance per application; serdes are created once and shared.
 */
public final class PipelineTopics {

    static {
        // Avro 1.12 only instantiates record classes it was told to trust; the pipeline's own are trusted here,
        // before any stage or test builds or reads one
        AvroClassTrust.declarePipelineSchemas();
    }

    private final TopicNames names;
    private final Serde<FileArrival> fileArrivalSerde;
    private final Serde<ScanRequest> scanRequestSerde;
    private final Serde<ScanFlow> scanFlowSerde;
    private final Serde<ScanOutcome> scanOutcomeSerde;
    private final Serde<ScanResult> scanResultSerde;
    private final Serde<EnrichedVerdict> verdictSerde;
    private final Serde<DeadLetter> deadLetterSerde;
    private final Serde<CachedVerdict> cachedVerdictSerde;
    private final Serde<HashWork> hashWorkSerde;
    private final Serde<IocFeedEntry> iocFeedEntrySerde;

    /**
     * @param names       topic names
     * @param serdeConfig serde configuration, at least {@code schema.registry.url}
     */
    public PipelineTopics(TopicNames names, Map<String, ?> serdeConfig) {
        this.names = Objects.requireNonNull(names, "names");
        this.fileArrivalSerde = avro(FileArrival.class, serdeConfig);
        this.scanRequestSerde = avro(ScanRequest.class, serdeConfig);
        this.scanFlowSerde = avro(ScanFlow.class, serdeConfig);
        this.scanOutcomeSerde = avro(ScanOutcome.class, serdeConfig);
        this.scanResultSerde = avro(ScanResult.class, serdeConfig);
        this.verdictSerde = avro(EnrichedVerdict.class, serdeConfig);
        this.deadLetterSerde = avro(DeadLetter.class, serdeConfig);
        this.cachedVerdictSerde = avro(CachedVerdict.class, serdeConfig);
        this.hashWorkSerde = avro(HashWork.class, serdeConfig);
        this.iocFeedEntrySerde = avro(IocFeedEntry.class, serdeConfig);
    }

    private static <T extends SpecificRecord> Serde<T> avro(Class<T> type, Map<String, ?> config) {
        return AvroSerdes.specific(type, config, false);
    }

    public TopicNames names() {
        return names;
    }

    /** The input as raw bytes: the submitter deserializes it itself so bad input is dead-lettered, not fatal. */
    public Topic<String, byte[]> fileArrivalsRaw() {
        return new Topic<>(names.fileArrivals(), Serdes.String(), Serdes.ByteArray());
    }

    /** The input, typed, for producers (the demo, replay, tests). */
    public Topic<String, FileArrival> fileArrivals() {
        return new Topic<>(names.fileArrivals(), Serdes.String(), fileArrivalSerde);
    }

    public Topic<String, ScanRequest> scanRequests() {
        return new Topic<>(names.scanRequests(), Serdes.String(), scanRequestSerde);
    }

    public Topic<String, ScanFlow> scanFlows() {
        return new Topic<>(names.scanFlows(), Serdes.String(), scanFlowSerde);
    }

    /** One of the delayed topics (see {@link TopicNames#pollsDelayed()}). */
    public Topic<String, ScanFlow> pollsDelayed(String name) {
        if (!names.pollsDelayed().contains(name)) {
            throw new IllegalArgumentException(name + " is not one of the delayed topics " + names.pollsDelayed());
        }
        return new Topic<>(name, Serdes.String(), scanFlowSerde);
    }

    /** Flow results, from the poller back to the submitter (keyed by sha256). */
    public Topic<String, ScanResult> scanResults() {
        return new Topic<>(names.scanResults(), Serdes.String(), scanResultSerde);
    }

    public Topic<String, CachedVerdict> verdictCache() {
        return new Topic<>(names.verdictCache(), Serdes.String(), cachedVerdictSerde);
    }

    public Topic<String, ScanOutcome> outcomes() {
        return new Topic<>(names.outcomes(), Serdes.String(), scanOutcomeSerde);
    }

    public Topic<String, EnrichedVerdict> verdicts() {
        return new Topic<>(names.verdicts(), Serdes.String(), verdictSerde);
    }

    /** Every verdict as a JSON object (UTF-8 text), keyed by event id. */
    public Topic<String, String> verdictsJson() {
        return new Topic<>(names.verdictsJson(), Serdes.String(), Serdes.String());
    }

    /** The IOC feed, keyed by {@code <type>:<value>} (compacted). */
    public Topic<String, IocFeedEntry> iocFeed() {
        return new Topic<>(names.iocFeed(), Serdes.String(), iocFeedEntrySerde);
    }

    public Topic<String, DeadLetter> deadLetters() {
        return new Topic<>(names.deadLetters(), Serdes.String(), deadLetterSerde);
    }

    public Serde<FileArrival> fileArrivalSerde() {
        return fileArrivalSerde;
    }

    public Serde<ScanRequest> scanRequestSerde() {
        return scanRequestSerde;
    }

    public Serde<ScanFlow> scanFlowSerde() {
        return scanFlowSerde;
    }

    public Serde<CachedVerdict> cachedVerdictSerde() {
        return cachedVerdictSerde;
    }

    public Serde<HashWork> hashWorkSerde() {
        return hashWorkSerde;
    }

    public Serde<IocFeedEntry> iocFeedEntrySerde() {
        return iocFeedEntrySerde;
    }

    public Serde<ScanOutcome> scanOutcomeSerde() {
        return scanOutcomeSerde;
    }
}
