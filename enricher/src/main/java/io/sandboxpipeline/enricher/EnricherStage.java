package io.sandboxpipeline.enricher;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.core.streams.StageSkeleton;
import java.util.List;
import java.util.Random;

/** Starts the enricher as its own Kafka Streams application. */
public final class EnricherStage {

    private EnricherStage() {
    }

    public static StageRunner start(EnricherConfig config) {
        return start(config, new SimpleMeterRegistry());
    }

    /** Starts the stage with its metrics in {@code registry}. */
    public static StageRunner start(EnricherConfig config, MeterRegistry registry) {
        return StageSkeleton.of(EnricherNames.STAGE_NAME, config.pipeline(), registry).start(parts -> EnricherTopology.build(
                parts.topics(), config, parts.api(), new Random(), parts.limiter(), parts.metrics()), List.of());
    }
}
