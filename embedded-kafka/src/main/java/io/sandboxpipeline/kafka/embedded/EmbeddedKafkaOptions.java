package io.sandboxpipeline.kafka.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How to start an {@link EmbeddedKafka} broker.
 *
 * @param dataDir         where the broker keeps its metadata and topic logs; {@code null} means a fresh temporary
 *                        directory that is deleted on close. A given directory is kept, so a broker started again on
 *                        it finds its topics and records.
 * @param brokerOverrides extra broker settings (server.properties keys) applied over the single-node defaults; the
 *                        listener, quorum and directory settings are managed and cannot be overridden, so every
 *                        listener stays on 127.0.0.1.
 */
public record EmbeddedKafkaOptions(Path dataDir, Map<String, String> brokerOverrides) {

    /** Settings EmbeddedKafka owns: overriding them could expose the broker beyond loopback or break the layout. */
    static final Set<String> MANAGED_SETTINGS = Set.of(
            "process.roles", "node.id", "listeners", "advertised.listeners", "controller.listener.names",
            "inter.broker.listener.name", "listener.security.protocol.map", "controller.quorum.voters",
            "controller.quorum.bootstrap.servers", "log.dir", "log.dirs", "metadata.log.dir");

    public EmbeddedKafkaOptions {
        brokerOverrides = brokerOverrides == null ? Map.of() : validated(brokerOverrides);
    }

    /** A temporary data directory and no overrides. */
    public static EmbeddedKafkaOptions defaults() {
        return new EmbeddedKafkaOptions(null, Map.of());
    }

    /** These options with the broker's data kept in {@code directory} (created if missing). */
    public EmbeddedKafkaOptions withDataDir(Path directory) {
        return new EmbeddedKafkaOptions(directory, brokerOverrides);
    }

    /** These options plus one broker setting, e.g. {@code withBrokerOverride("log.retention.ms", "60000")}. */
    public EmbeddedKafkaOptions withBrokerOverride(String key, String value) {
        Map<String, String> overrides = new HashMap<>(brokerOverrides);
        overrides.put(key, value);
        return new EmbeddedKafkaOptions(dataDir, overrides);
    }

    private static Map<String, String> validated(Map<String, String> overrides) {
        overrides.forEach((key, value) -> {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("brokerOverrides keys must be non-blank broker setting names");
            }
            if (value == null) {
                throw new IllegalArgumentException("brokerOverrides['" + key + "'] must not be null; "
                        + "leave the key out to keep the default");
            }
            if (MANAGED_SETTINGS.contains(key)) {
                throw new IllegalArgumentException("brokerOverrides must not set '" + key + "': EmbeddedKafka manages "
                        + "it so that every listener binds 127.0.0.1 on a free port; managed settings: "
                        + MANAGED_SETTINGS);
            }
        });
        return Map.copyOf(overrides);
    }
}
