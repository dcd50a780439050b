package io.sandboxpipeline.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.enricher.EnricherConfig;
import io.sandboxpipeline.enricher.EnricherStage;
import io.sandboxpipeline.poller.PollerConfig;
import io.sandboxpipeline.poller.PollerStage;
import io.sandboxpipeline.submitter.SubmitterConfig;
import io.sandboxpipeline.submitter.SubmitterStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The pipeline's deployable stages, each its own Kafka Streams application. */
public enum Stage {
    SUBMITTER, POLLER, ENRICHER;

    /** Validates this stage's configuration and starts it (its metrics stay in a registry of its own). */
    public StageRunner start(ConfigValues values) {
        return start(values, new SimpleMeterRegistry());
    }

    /** Validates this stage's configuration and starts it, with its metrics in {@code registry}. */
    public StageRunner start(ConfigValues values, MeterRegistry registry) {
        return switch (this) {
            case SUBMITTER -> SubmitterStage.start(SubmitterConfig.from(values), registry);
            case POLLER -> PollerStage.start(PollerConfig.from(values), registry);
            case ENRICHER -> EnricherStage.start(EnricherConfig.from(values), registry);
        };
    }

    /** Parses {@code submitter}, {@code poller}, {@code enricher} or {@code all}. */
    public static List<Stage> parse(String name) {
        if (name.equalsIgnoreCase("all")) {
            return List.of(values());
        }
        try {
            return List.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown stage '" + name + "': expected submitter, poller, enricher or all");
        }
    }

    /** Starts the stages in flow order; if one fails to start, the ones already started are closed. */
    public static List<StageRunner> startAll(List<Stage> stages, ConfigValues values) {
        return startAll(stages, values, new SimpleMeterRegistry());
    }

    /** Starts the stages in flow order with their metrics in one registry; on failure the started ones are closed. */
    public static List<StageRunner> startAll(List<Stage> stages, ConfigValues values, MeterRegistry registry) {
        List<StageRunner> started = new ArrayList<>();
        try {
            for (Stage stage : stages) {
                started.add(stage.start(values, registry));
            }
            return started;
        } catch (RuntimeException e) {
            started.forEach(StageRunner::close);
            throw e;
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
