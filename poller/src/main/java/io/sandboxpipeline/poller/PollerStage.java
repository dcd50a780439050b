package io.sandboxpipeline.poller;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sandboxpipeline.client.SandboxClient;
import io.sandboxpipeline.core.metrics.MeteredSandboxApi;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.metrics.QuotaMetrics;
import io.sandboxpipeline.core.metrics.StreamsMetricsBinding;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.core.topic.PipelineTopics;
import java.time.Clock;
import java.util.List;

/** Starts the poller as its own Kafka Streams application. */
public final class PollerStage {

    private PollerStage() {
    }

    public static StageRunner start(PollerConfig config) {
        return start(config, new SimpleMeterRegistry());
    }

    /** Starts the stage with its metrics in {@code registry}. */
    public static StageRunner start(PollerConfig config, MeterRegistry registry) {
        String stage = PollerTopology.STAGE_NAME;
        SandboxClient client = SandboxClient.create(config.pipeline().sandbox().clientConfig());
        QuotaLimiter limiter = new QuotaLimiter(config.pipeline().quota());
        PipelineTopics topics = new PipelineTopics(config.pipeline().topics(), config.pipeline().serdeConfig());
        SandboxApi api = new MeteredSandboxApi(SandboxApi.of(client), registry, stage);
        StageRunner runner = StageRunner.start(stage,
                PollerTopology.build(topics, config, api, limiter, new PipelineMetrics(registry, stage)),
                config.pipeline().kafka(), config.pipeline().topics(),
                List.of(client, QuotaMetrics.bind(limiter, registry, stage, Clock.systemUTC())));
        runner.closeWith(StreamsMetricsBinding.bind(runner.streams(), registry, stage));
        return runner;
    }
}
