package io.sandboxpipeline.poller;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.core.streams.StageSkeleton;
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
        return StageSkeleton.of(PollerNames.STAGE_NAME, config.pipeline(), registry).start(parts -> PollerTopology.build(
                parts.topics(), config, parts.api(), parts.limiter(), parts.metrics()), List.of());
    }
}
