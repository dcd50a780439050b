package io.sandboxpipeline.core.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.sandboxpipeline.client.SandboxClient;
import io.sandboxpipeline.core.metrics.MeteredSandboxApi;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.metrics.QuotaMetrics;
import io.sandboxpipeline.core.metrics.StreamsMetricsBinding;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.topic.PipelineTopics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.Topology;

/**
 * What every stage is built from, built once: the Sandbox client and its metered API, the quota limiter, the typed
 * topics and the stage's metrics; then the stage's topology runs as its own Kafka Streams application, with the
 * client, the limiter's and Kafka Streams' meters closed with it. A stage supplies only its topology (and what it
 * needs beyond these, closed with the runner).
 */
public final class StageSkeleton {

    private final String stage;
    private final PipelineConfig pipeline;
    private final MeterRegistry registry;
    private final SandboxClient client;
    private final QuotaLimiter limiter;
    private final PipelineTopics topics;
    private final SandboxApi api;
    private final PipelineMetrics metrics;

    private StageSkeleton(String stage, PipelineConfig pipeline, MeterRegistry registry) {
        this.stage = stage;
        this.pipeline = pipeline;
        this.registry = registry;
        this.client = SandboxClient.create(pipeline.sandbox().clientConfig());
        this.limiter = new QuotaLimiter(pipeline.quota());
        this.topics = new PipelineTopics(pipeline.topics(), pipeline.serdeConfig());
        this.api = new MeteredSandboxApi(SandboxApi.of(client), registry, stage);
        this.metrics = new PipelineMetrics(registry, stage);
    }

    /** The parts of stage {@code stage}, its meters in {@code registry}. */
    public static StageSkeleton of(String stage, PipelineConfig pipeline, MeterRegistry registry) {
        return new StageSkeleton(stage, pipeline, registry);
    }

    /**
     * Starts the topology {@code build} makes of these parts; {@code resources} are closed with the runner (after the
     * Kafka Streams application), as are the client and the meters. If it does not start, everything is closed.
     */
    public StageRunner start(Function<StageSkeleton, Topology> build, List<AutoCloseable> resources) {
        List<AutoCloseable> owned = new ArrayList<>(resources);
        owned.add(client);
        owned.add(QuotaMetrics.bind(limiter, registry, stage, Clock.systemUTC()));
        StageRunner runner;
        try {
            runner = StageRunner.start(stage, build.apply(this), pipeline.kafka(), pipeline.topics(), owned);
        } catch (RuntimeException e) {
            for (AutoCloseable resource : owned) {
                try {
                    resource.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
        runner.closeWith(StreamsMetricsBinding.bind(runner.streams(), registry, stage));
        return runner;
    }

    public String stage() {
        return stage;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public QuotaLimiter limiter() {
        return limiter;
    }

    public PipelineTopics topics() {
        return topics;
    }

    /** The Sandbox API, metered under this stage. */
    public SandboxApi api() {
        return api;
    }

    public PipelineMetrics metrics() {
        return metrics;
    }
}
