package io.sandboxpipeline.poller;

import io.sandboxpipeline.client.SandboxClient;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.core.topic.PipelineTopics;
import java.util.List;

/** Starts the poller as its own Kafka Streams application. */
public final class PollerStage {

    private PollerStage() {
    }

    public static StageRunner start(PollerConfig config) {
        SandboxClient client = SandboxClient.create(config.pipeline().sandbox().clientConfig());
        PipelineTopics topics = new PipelineTopics(config.pipeline().topics(), config.pipeline().serdeConfig());
        return StageRunner.start(PollerTopology.STAGE_NAME, PollerTopology.build(topics, config, SandboxApi.of(client),
                        new QuotaLimiter(config.pipeline().quota())),
                config.pipeline().kafka(), config.pipeline().topics(), List.of(client));
    }
}
