package io.sandboxpipeline.core.streams;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.config.Durations;
import io.sandboxpipeline.core.config.TopicCompression;
import io.sandboxpipeline.core.ops.OpsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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
 * @param applicationServer   Kafka Streams' {@code application.server} ({@code host:port}): where other instances of a
 *                            stage reach this process's ops endpoints to forward interactive queries (the submitter's
 *                            local reputation endpoint); {@code ops.advertised.host} (else {@code ops.host}) and
 *                            {@code ops.port}
 * @param compression         the codecs of the internal and the output topics
 */
public record KafkaSettings(String bootstrapServers, String applicationIdPrefix, int partitions, short replicationFactor,
                            Path stateDir, int streamThreads, boolean exactlyOnce, Duration commitInterval,
                            Map<String, String> passthrough, Optional<String> applicationServer,
                            TopicCompression compression) {

    /** The address other instances reach this process's ops endpoints on (a host name or IP address). */
    public static final String ADVERTISED_HOST_KEY = "ops.advertised.host";

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
        Durations.requirePositive("kafka.commit.interval", commitInterval);
        passthrough = Map.copyOf(passthrough);
        Objects.requireNonNull(applicationServer, "applicationServer (use Optional.empty())");
        Objects.requireNonNull(compression, "compression");
    }

    /** Without an {@code application.server}: interactive queries are answered from this instance's stores only. */
    public KafkaSettings(String bootstrapServers, String applicationIdPrefix, int partitions, short replicationFactor,
                         Path stateDir, int streamThreads, boolean exactlyOnce, Duration commitInterval,
                         Map<String, String> passthrough) {
        this(bootstrapServers, applicationIdPrefix, partitions, replicationFactor, stateDir, streamThreads, exactlyOnce,
                commitInterval, passthrough, Optional.empty(), TopicCompression.DEFAULTS);
    }

    private static final Set<String> OWN_KEYS = Set.of("bootstrap.servers", "application.id.prefix",
            "partitions", "replication.factor", "state.dir", "stream.threads", "exactly.once", "commit.interval",
            "compression.internal", "compression.output");

    public static KafkaSettings from(ConfigValues values) {
        Map<String, String> passthrough = new TreeMap<>(values.withPrefix("kafka."));
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
                passthrough,
                // an explicit kafka.application.server wins, as it does in the streams properties
                Optional.ofNullable(passthrough.get("application.server")).or(() -> applicationServer(values)),
                TopicCompression.from(values));
    }

    /**
     * Where this process's ops endpoints are reached: {@code <ops.advertised.host>:<ops.port>} when an advertised host
     * is set (the port must then be a fixed one), else {@code <ops.host>:<ops.port>} when that is an address others can
     * use (not a wildcard such as 0.0.0.0, not port 0, ops enabled), else none.
     */
    private static Optional<String> applicationServer(ConfigValues values) {
        Optional<String> advertised = values.get(ADVERTISED_HOST_KEY).map(String::strip).filter(h -> !h.isEmpty());
        int port = values.getInt(OpsSettings.PORT_KEY, OpsSettings.DEFAULT_PORT);
        if (advertised.isPresent()) {
            if (port < 1 || port > 65_535) {
                throw new ConfigException(ADVERTISED_HOST_KEY + " needs a fixed " + OpsSettings.PORT_KEY
                        + " (1-65535) that other instances can reach, got " + port);
            }
            if (advertised.get().contains("/") || advertised.get().contains(" ")) {
                throw new ConfigException(ADVERTISED_HOST_KEY + " must be a host name or IP address such as 10.0.3.17, got '"
                        + advertised.get() + "'");
            }
            return Optional.of(endpoint(advertised.get(), port));
        }
        String host = values.get(OpsSettings.HOST_KEY, OpsSettings.DEFAULT_HOST).strip();
        boolean wildcard = host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        if (wildcard || port < 1 || port > 65_535 || !values.getBoolean(OpsSettings.ENABLED_KEY, true)) {
            return Optional.empty();
        }
        return Optional.of(endpoint(host, port));
    }

    private static String endpoint(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
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
                + passthrough.keySet() + ", applicationServer=" + applicationServer.orElse("none") + ", compression=" + compression + "]";
    }
}
