package io.sandboxpipeline.enricher;

import io.sandboxpipeline.client.SandboxClient;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.core.topic.PipelineTopics;
import java.util.List;
import java.util.Random;

/** Starts the enricher as its own Kafka Streams application. */
public final class EnricherStage {

    private EnricherStage() {
    }

    public static StageRunner start(EnricherConfig config) {
        SandboxClient client = SandboxClient.create(config.pipeline().sandbox().clientConfig());
        PipelineTopics topics = new PipelineTopics(config.pipeline().topics(), config.pipeline().serdeConfig());
        return StageRunner.start(EnricherTopology.STAGE_NAME, EnricherTopology.build(topics, config, SandboxApi.of(client), new Random(),
                        new QuotaLimiter(config.pipeline().quota())),
                config.pipeline().kafka(), config.pipeline().topics(), List.of(client));
    }
}
