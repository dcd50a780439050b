package io.sandboxpipeline.submitter;

import io.sandboxpipeline.core.async.Backoff;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.core.streams.DeadLetterBreaker;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.core.topic.Topic;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.schemas.ScanResult;
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
        input.addSource(topology, SubmitterNames.ARRIVALS_SOURCE);
        topology.addProcessor(SubmitterNames.HASH_FILES, () -> new HashFilesProcessor(topics.fileArrivalSerde().deserializer(), wiring.sources(),
                wiring.ioExecutor(), config.maxInFlightHashes(), backoff(config, wiring), config.punctuationInterval(),
                wiring.deadLetters(), wiring.metrics()), SubmitterNames.ARRIVALS_SOURCE);
        // events being hashed survive a restart: the store is changelogged and re-read on start
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SubmitterNames.PENDING_HASHES_STORE),
                Serdes.String(), topics.fileArrivalSerde()), SubmitterNames.HASH_FILES);
        // re-keying by sha256 sends every copy of the same content to the same task
        topics.scanRequests().addSink(topology, SubmitterNames.TO_SCAN_REQUESTS, SubmitterNames.HASH_FILES);
        topics.outcomes().addSink(topology, SubmitterNames.HASH_TO_OUTCOMES, SubmitterNames.HASH_FILES);
        topics.deadLetters().addSink(topology, SubmitterNames.TO_DEAD_LETTERS, SubmitterNames.HASH_FILES);
    }

    static void addSubmission(Topology topology, PipelineTopics topics, SubmitterConfig config, Wiring wiring) {
        Topic<String, ScanRequest> requests = topics.scanRequests();
        Topic<String, ScanResult> results = topics.scanResults();
        // new events and retries (scan-requests) and flow results (scan-results) are both keyed by sha256 and
        // co-partitioned, so all work on one content meets in one task
        requests.addSource(topology, SubmitterNames.SCAN_REQUESTS_SOURCE);
        results.addSource(topology, SubmitterNames.SCAN_RESULTS_SOURCE);
        SubmitScansProcessor.Dependencies deps = new SubmitScansProcessor.Dependencies(wiring.api(), wiring.sources(),
                wiring.ioExecutor(), config.scanOptions(), config.reputationCheck(), config.reputationBatchSize(),
                config.reputationBatchWindow(), config.fallbackMaxUploadSize(),
                config.maxInFlightLookups(), config.maxInFlightUploads(), config.retryDeadline(),
                backoff(config, wiring), config.punctuationInterval(), config.cachePolicy(), wiring.limiter(),
                config.sourcePolicies(), wiring.metrics(), config.findLostUploads(), config.lostUploadPatience());
        topology.addProcessor(SubmitterNames.SUBMIT_SCANS, () -> new SubmitScansProcessor(deps), SubmitterNames.SCAN_REQUESTS_SOURCE, SubmitterNames.SCAN_RESULTS_SOURCE);
        // the work per content, the queues of calls to make, and the verdict cache all survive restarts via changelogs
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SubmitterNames.HASH_WORK_STORE),
                Serdes.String(), topics.hashWorkSerde()), SubmitterNames.SUBMIT_SCANS);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SubmitterNames.PENDING_CALLS_STORE),
                Serdes.String(), Serdes.String()), SubmitterNames.SUBMIT_SCANS);
        for (String queue : SubmitterNames.CALL_QUEUE_STORES) {
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(queue), Serdes.Bytes(), Serdes.String()),
                    SubmitterNames.SUBMIT_SCANS);
        }
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SubmitterNames.VERDICT_CACHE_STORE),
                Serdes.String(), topics.cachedVerdictSerde()), SubmitterNames.SUBMIT_SCANS);
        topics.scanFlows().addSink(topology, SubmitterNames.TO_SCAN_FLOWS, SubmitterNames.SUBMIT_SCANS);
        topics.outcomes().addSink(topology, SubmitterNames.SUBMIT_TO_OUTCOMES, SubmitterNames.SUBMIT_SCANS);
        topics.verdictCache().addSink(topology, SubmitterNames.TO_VERDICT_CACHE, SubmitterNames.SUBMIT_SCANS);
    }

    private static Backoff backoff(SubmitterConfig config, Wiring wiring) {
        return new Backoff(config.retryBackoff(), Duration.ofMinutes(1), wiring.random());
    }
}
