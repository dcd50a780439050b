package io.sandboxpipeline.tools.kafka;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.streams.KafkaSettings;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.core.topic.TopicNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * What the tools that read and write the pipeline's topics ({@code replay}, {@code reconcile}, {@code verdicts},
 * the watched folders, the status page) need from the configuration: Kafka, the schema registry and the topic prefix.
 * Unlike a stage they need no Sandbox settings, so no API key.
 *
 * @param kafka       Kafka connection settings ({@code kafka.bootstrap.servers}, SSL/SASL pass-through)
 * @param topics      topic names ({@code topic.prefix})
 * @param serdeConfig serde settings: {@code schema.registry.url}, and if set {@code basic.auth.user.info} and
 *                    {@code sandbox.avro.serde.class}, as the stages use them
 */
public record ToolSettings(KafkaSettings kafka, TopicNames topics, Map<String, String> serdeConfig) {

    public ToolSettings {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(topics, "topics");
        serdeConfig = Map.copyOf(serdeConfig);
        if (!serdeConfig.containsKey("schema.registry.url")) {
            throw new ConfigException("schema.registry.url is required: set SCHEMA_REGISTRY_URL (http(s)://host:port,"
                    + " or mock://scope for in-memory)");
        }
    }

    public static ToolSettings from(ConfigValues values) {
        Map<String, String> serde = new HashMap<>();
        values.get("schema.registry.url").ifPresent(url -> serde.put("schema.registry.url", url));
        values.get("schema.registry.basic.auth.user.info").ifPresent(v -> serde.put("basic.auth.user.info", v));
        values.get("avro.serde.class").ifPresent(v -> serde.put("sandbox.avro.serde.class", v));
        return new ToolSettings(KafkaSettings.from(values), TopicNames.from(values), serde);
    }

    /** Settings for a plain Kafka client: the bootstrap servers and the {@code kafka.*} pass-through (SSL, SASL). */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(kafka.passthrough());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return config;
    }

    @Override
    public String toString() {
        // the pass-through and the registry credentials may hold secrets: KafkaSettings shows keys only, and so do we
        return "ToolSettings[kafka=" + kafka + ", topicPrefix=" + topics.prefix() + ", serdeKeys="
                + new TreeSet<>(serdeConfig.keySet()) + "]";
    }

    /** The typed topics under these settings' prefix, with their serdes. */
    public PipelineTopics pipelineTopics() {
        return new PipelineTopics(topics, serdeConfig);
    }
}
