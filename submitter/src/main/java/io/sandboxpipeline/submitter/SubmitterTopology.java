package io.sandboxpipeline.submitter;

import io.sandboxpipeline.core.async.Backoff;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.core.streams.DeadLetterBreaker;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.core.topic.Topic;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.submitter.hashing.HashFilesProcessor;
import io.sandboxpipeline.submitter.ingest.IngestCounts;
import io.sandboxpipeline.submitter.ingest.S3EventsTopology;
import io.sandboxpipeline.submitter.submission.SubmitScansProcessor;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The submitter: file-arrival events in; scan flows for the poller, reputation verdicts and skipped/failed outcomes for
 * the enricher, and dead letters out.
 *
 * <pre>
 * file-arrivals -> [hash-files] --sha256--> scan-requests --+--> [submit-scans] -> scan-flows (one upload per content)
 *                       |   \                scan-results ---+          \-> outcomes (one per event: cache hit,
 *                       |    \-> outcomes (unsupported uri, unreadable)  |    reputation, scan result, skipped, failed)
 *                       \-> dead-letters (undeserializable, invalid)     \-> verdict-cache (compacted, by sha256)
 * </pre>
 */
public final class SubmitterTopology {

    public static final String STAGE_NAME = "submitter";
    /** Event attribute that carries the password of an encrypted archive. */
    public static final String PASSWORD_ATTRIBUTE = "sandbox.password";

    public static final String PENDING_HASHES_STORE = "submitter-pending-hashes";
    public static final String HASH_WORK_STORE = "submitter-hash-work";
    public static final String PENDING_CALLS_STORE = "submitter-pending-calls";
    public static final String VERDICT_CACHE_STORE = "submitter-verdict-cache";

    static final String ARRIVALS_SOURCE = "file-arrivals-source";
    static final String HASH_FILES = "hash-files";
    static final String SCAN_REQUESTS_SOURCE = "scan-requests-source";
    static final String SCAN_RESULTS_SOURCE = "scan-results-source";
    static final String SUBMIT_SCANS = "submit-scans";
    public static final String TO_SCAN_REQUESTS = "hash-files-to-scan-requests";
    public static final String HASH_TO_OUTCOMES = "hash-files-to-outcomes";
    public static final String TO_DEAD_LETTERS = "hash-files-to-dead-letters";
    public static final String TO_SCAN_FLOWS = "submit-scans-to-scan-flows";
    public static final String SUBMIT_TO_OUTCOMES = "submit-scans-to-outcomes";
    public static final String TO_VERDICT_CACHE = "submit-scans-to-verdict-cache";
    /** Used only when a record's metadata is unavailable, to name the schema subject. */
    public static final String INPUT_FALLBACK_TOPIC = "file-arrivals";

    private SubmitterTopology() {
    }

    /** Everything the topology needs from outside: the Sandbox, the sources, a worker pool for blocking I/O. */
    public record Wiring(SandboxApi api, FileSources sources, Executor ioExecutor, Random random, QuotaLimiter limiter,
                         DeadLetterBreaker deadLetters, IngestCounts ingestCounts, PipelineMetrics metrics) {
    }

    public static Topology build(PipelineTopics topics, SubmitterConfig config, Wiring wiring) {
        Topology topology = new Topology();
        addHashing(topology, topics, config, wiring);
        addSubmission(topology, topics, config, wiring);
        // storage admins can point bucket notifications at a topic instead of writing file-arrival events themselves
        config.s3EventsTopic().ifPresent(topic ->
                S3EventsTopology.addTo(topology, topics, topic, config.s3EventsDedupWindow(), wiring.ingestCounts()));
        return topology;
    }

    static void addHashing(Topology topology, PipelineTopics topics, SubmitterConfig config, Wiring wiring) {
        Topic<String, byte[]> input = topics.fileArrivalsRaw();
        // the input is read as bytes so that a record we cannot deserialize is dead-lettered instead of stopping the stage
        topology.addSource(ARRIVALS_SOURCE, input.keySerde().deserializer(), input.valueSerde().deserializer(), input.name());
        topology.addProcessor(HASH_FILES, () -> new HashFilesProcessor(topics.fileArrivalSerde().deserializer(), wiring.sources(),
                wiring.ioExecutor(), config.maxInFlightHashes(), backoff(config, wiring), config.punctuationInterval(),
                wiring.deadLetters(), wiring.metrics()), ARRIVALS_SOURCE);
        // events being hashed survive a restart: the store is changelogged and re-read on start
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_HASHES_STORE),
                Serdes.String(), topics.fileArrivalSerde()), HASH_FILES);
        // re-keying by sha256 sends every copy of the same content to the same task
        topology.addSink(TO_SCAN_REQUESTS, topics.scanRequests().name(), Serdes.String().serializer(),
                topics.scanRequestSerde().serializer(), HASH_FILES);
        topology.addSink(HASH_TO_OUTCOMES, topics.outcomes().name(), Serdes.String().serializer(),
                topics.scanOutcomeSerde().serializer(), HASH_FILES);
        topology.addSink(TO_DEAD_LETTERS, topics.deadLetters().name(), Serdes.String().serializer(),
                topics.deadLetters().valueSerde().serializer(), HASH_FILES);
    }

    static void addSubmission(Topology topology, PipelineTopics topics, SubmitterConfig config, Wiring wiring) {
        Topic<String, ScanRequest> requests = topics.scanRequests();
        Topic<String, ScanOutcome> results = topics.scanResults();
        // new events and retries (scan-requests) and flow results (scan-results) are both keyed by sha256 and
        // co-partitioned, so all work on one content meets in one task
        topology.addSource(SCAN_REQUESTS_SOURCE, requests.keySerde().deserializer(), requests.valueSerde().deserializer(), requests.name());
        topology.addSource(SCAN_RESULTS_SOURCE, results.keySerde().deserializer(), results.valueSerde().deserializer(), results.name());
        SubmitScansProcessor.Dependencies deps = new SubmitScansProcessor.Dependencies(wiring.api(), wiring.sources(),
                wiring.ioExecutor(), config.scanOptions(), config.reputationCheck(), config.fallbackMaxUploadSize(),
                config.maxInFlightLookups(), config.maxInFlightUploads(), config.retryDeadline(),
                backoff(config, wiring), config.punctuationInterval(), config.cachePolicy(), wiring.limiter(),
                config.sourcePolicies(), wiring.metrics(), config.findLostUploads(), config.lostUploadPatience());
        topology.addProcessor(SUBMIT_SCANS, () -> new SubmitScansProcessor(deps), SCAN_REQUESTS_SOURCE, SCAN_RESULTS_SOURCE);
        // the work per content, the index of calls to make, and the verdict cache all survive restarts via changelogs
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HASH_WORK_STORE),
                Serdes.String(), topics.hashWorkSerde()), SUBMIT_SCANS);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_CALLS_STORE),
                Serdes.String(), Serdes.String()), SUBMIT_SCANS);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VERDICT_CACHE_STORE),
                Serdes.String(), topics.cachedVerdictSerde()), SUBMIT_SCANS);
        topology.addSink(TO_SCAN_FLOWS, topics.scanFlows().name(), Serdes.String().serializer(),
                topics.scanFlowSerde().serializer(), SUBMIT_SCANS);
        topology.addSink(SUBMIT_TO_OUTCOMES, topics.outcomes().name(), Serdes.String().serializer(),
                topics.scanOutcomeSerde().serializer(), SUBMIT_SCANS);
        topology.addSink(TO_VERDICT_CACHE, topics.verdictCache().name(), Serdes.String().serializer(),
                topics.cachedVerdictSerde().serializer(), SUBMIT_SCANS);
    }

    private static Backoff backoff(SubmitterConfig config, Wiring wiring) {
        return new Backoff(config.retryBackoff(), Duration.ofMinutes(1), wiring.random());
    }
}
