package io.sandboxpipeline.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a stage connects to Kafka and runs Kafka Streams.
 *
 * @param bootstrapServers    Kafka bootstrap servers
 * @param applicationIdPrefix prefix of every stage's {@code application.id} (the stage name is appended)
 * @param partitions          partitions of topics the pipeline creates
 * @param replicationFactor   replication factor of topics the pipeline creates
 * @param stateDir            Kafka Streams state directory
 * @param streamThreads       stream threads per stage instance
 * @param exactlyOnce         {@code exactly_once_v2} when true, else at-least-once
 * @param commitInterval      Kafka Streams commit interval
 * @param passthrough         further Kafka client/Streams settings ({@code kafka.*} keys without the prefix), e.g. SSL/SASL
 */
public record KafkaSettings(String bootstrapServers, String applicationIdPrefix, int partitions, short replicationFactor,
                            Path stateDir, int streamThreads, boolean exactlyOnce, Duration commitInterval,
                            Map<String, String> passthrough) {

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ConfigException("kafka.bootstrap.servers is required: set KAFKA_BOOTSTRAP_SERVERS");
        }
        Objects.requireNonNull(applicationIdPrefix, "applicationIdPrefix");
        if (partitions < 1) {
            throw new ConfigException("kafka.partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new ConfigException("kafka.replication.factor must be at least 1, got " + replicationFactor);
        }
        if (streamThreads < 1) {
            throw new ConfigException("kafka.stream.threads must be at least 1, got " + streamThreads);
        }
        Objects.requireNonNull(stateDir, "stateDir");
        SandboxSettings.requirePositive("kafka.commit.interval", commitInterval);
        passthrough = Map.copyOf(passthrough);
    }

    private static final java.util.Set<String> OWN_KEYS = java.util.Set.of("bootstrap.servers", "application.id.prefix",
            "partitions", "replication.factor", "state.dir", "stream.threads", "exactly.once", "commit.interval");

    public static KafkaSettings from(ConfigValues values) {
        Map<String, String> passthrough = new java.util.TreeMap<>(values.withPrefix("kafka."));
        passthrough.keySet().removeAll(OWN_KEYS);
        return new KafkaSettings(
                values.get("kafka.bootstrap.servers", ""),
                values.get("kafka.application.id.prefix", "sandbox-pipeline-"),
                values.getInt("kafka.partitions", 6),
                (short) values.getInt("kafka.replication.factor", 1),
                Path.of(values.get("kafka.state.dir", System.getProperty("java.io.tmpdir") + "/sandbox-pipeline-state")),
                values.getInt("kafka.stream.threads", 1),
                values.getBoolean("kafka.exactly.once", true),
                values.getDuration("kafka.commit.interval", Duration.ofMillis(100)),
                passthrough);
    }

    public String applicationId(String stage) {
        return applicationIdPrefix + stage;
    }

    @Override
    public String toString() {
        // passthrough may carry SASL/SSL passwords: show keys only
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", applicationIdPrefix=" + applicationIdPrefix
                + ", partitions=" + partitions + ", replicationFactor=" + replicationFactor + ", stateDir=" + stateDir
                + ", streamThreads=" + streamThreads + ", exactlyOnce=" + exactlyOnce + ", passthroughKeys="
                + passthrough.keySet() + "]";
    }
}
