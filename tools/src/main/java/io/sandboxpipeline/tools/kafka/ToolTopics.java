package io.sandboxpipeline.tools.kafka;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.topic.PipelineTopics;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;

/**
 * A tool's settings and the typed topics it reads or writes, both built from the configuration: what every command
 * on the topics starts with.
 */
public record ToolTopics(ToolSettings settings, PipelineTopics topics) {

    /**
     * Both, or empty after printing {@code Configuration error: ...} on {@code err} (the command then exits with 2).
     *
     * @param values the configuration; read here, so an error while loading it (a stale {@code up}) is reported too
     */
    public static Optional<ToolTopics> load(Supplier<ConfigValues> values, PrintWriter err) {
        try {
            ToolSettings settings = ToolSettings.from(values.get());
            // KafkaException: the serde refused its settings (e.g. an avro.serde.class that cannot be loaded)
            return Optional.of(new ToolTopics(settings, settings.pipelineTopics()));
        } catch (ConfigException | IllegalArgumentException | KafkaException e) {
            err.println("Configuration error: " + e.getMessage());
            return Optional.empty();
        }
    }
}
