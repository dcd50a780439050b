package io.sandboxpipeline.poller;

import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.topic.PipelineTopics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The poller: submitted flows and the delayed topics in; flow results, re-queued flows and resubmissions out.
 *
 * <pre>
 * scan-flows ---------+
 * polls-delayed-10s --+--> [poll-flows] --> scan-results (done, failed, rejected, timed out; keyed by sha256)
 * polls-delayed-60s --+        |   \--> polls-delayed-* (not finished yet, with the due time)
 *                              \--> scan-requests (failed scan: resubmit)
 * </pre>
 */
public final class PollerTopology {

    private PollerTopology() {
    }

    public static Topology build(PipelineTopics topics, PollerConfig config, SandboxApi api, QuotaLimiter limiter,
                                 PipelineMetrics metrics) {
        Topology topology = new Topology();
        List<String> inputs = new ArrayList<>();
        inputs.add(topics.scanFlows().name());
        inputs.addAll(topics.names().pollsDelayed());
        // new flows and re-queued ones are the same records: one source reads them all
        topology.addSource(PollerNames.FLOWS_SOURCE, Serdes.String().deserializer(), topics.scanFlowSerde().deserializer(), inputs.toArray(String[]::new));
        topology.addProcessor(PollerNames.POLL_FLOWS, () -> new PollFlowsProcessor(api, config, topics.names(), limiter, metrics), PollerNames.FLOWS_SOURCE);
        // the flows waiting for their next poll, and their index by due time, survive restarts via changelogs
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PollerNames.SCHEDULED_FLOWS_STORE),
                Serdes.String(), topics.scanFlowSerde()), PollerNames.POLL_FLOWS);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PollerNames.DUE_INDEX_STORE),
                Serdes.Bytes(), Serdes.String()), PollerNames.POLL_FLOWS);
        for (String delayed : topics.names().pollsDelayed()) {
            topics.pollsDelayed(delayed).addSink(topology, PollerNames.delayedSinkName(delayed), PollerNames.POLL_FLOWS);
        }
        // results go back to the submitter, which answers every event waiting for this content
        topics.scanResults().addSink(topology, PollerNames.TO_SCAN_RESULTS, PollerNames.POLL_FLOWS);
        topics.scanRequests().addSink(topology, PollerNames.TO_SCAN_REQUESTS, PollerNames.POLL_FLOWS);
        return topology;
    }

}
