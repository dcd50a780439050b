package io.sandboxpipeline.core.streams;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.config.SandboxSettings;
import io.sandboxpipeline.core.quota.QuotaConfig;
import io.sandboxpipeline.core.topic.TopicNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What every stage shares: Kafka, the Sandbox, topic names and the serde configuration.
 *
 * @param kafka       Kafka and Kafka Streams settings
 * @param sandbox     the Sandbox to talk to
 * @param topics      topic names under one prefix
 * @param quota       limits on Sandbox calls per stage instance (rates, concurrency, live/replay lanes)
 * @param serdeConfig serde settings ({@code schema.registry.url}, {@code basic.auth.user.info},
 *                    {@code sandbox.avro.serde.class}); the registry URL may be {@code mock://scope}
 */
public record PipelineConfig(KafkaSettings kafka, SandboxSettings sandbox, TopicNames topics, QuotaConfig quota,
                             Map<String, String> serdeConfig) {

    public PipelineConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(quota, "quota");
        serdeConfig = Map.copyOf(serdeConfig);
        if (!serdeConfig.containsKey("schema.registry.url")) {
            throw new ConfigException("schema.registry.url is required: set SCHEMA_REGISTRY_URL (http(s)://host:port, or mock://scope for in-memory)");
        }
    }

    public static PipelineConfig from(ConfigValues values) {
        Map<String, String> serde = new HashMap<>();
        values.get("schema.registry.url").ifPresent(url -> serde.put("schema.registry.url", url));
        values.get("schema.registry.basic.auth.user.info").ifPresent(v -> serde.put("basic.auth.user.info", v));
        values.get("avro.serde.class").ifPresent(v -> serde.put("sandbox.avro.serde.class", v));
        return new PipelineConfig(
                KafkaSettings.from(values),
                SandboxSettings.from(values),
                TopicNames.from(values),
                QuotaConfig.from(values),
                serde);
    }
}
