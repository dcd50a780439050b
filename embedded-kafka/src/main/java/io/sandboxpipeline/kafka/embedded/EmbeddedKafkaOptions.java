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
 * @param brokerPort      the client (PLAINTEXT) port on 127.0.0.1; 0 (the default) picks a free one on every start
 * @param controllerPort  the KRaft controller port on 127.0.0.1; 0 (the default) picks a free one on every start
 */
public record EmbeddedKafkaOptions(Path dataDir, Map<String, String> brokerOverrides, int brokerPort,
                                   int controllerPort) {

    /** Settings EmbeddedKafka owns: overriding them could expose the broker beyond loopback or break the layout. */
    static final Set<String> MANAGED_SETTINGS = Set.of(
            "process.roles", "node.id", "listeners", "advertised.listeners", "controller.listener.names",
            "inter.broker.listener.name", "listener.security.protocol.map", "controller.quorum.voters",
            "controller.quorum.bootstrap.servers", "log.dir", "log.dirs", "metadata.log.dir");

    public EmbeddedKafkaOptions {
        brokerOverrides = brokerOverrides == null ? Map.of() : validated(brokerOverrides);
        requirePort("brokerPort", brokerPort);
        requirePort("controllerPort", controllerPort);
        if (brokerPort != 0 && brokerPort == controllerPort) {
            throw new IllegalArgumentException("brokerPort and controllerPort must differ, both were " + brokerPort
                    + "; use 0 for either to have a free port picked");
        }
    }

    /** Options with free ports picked on every start. */
    public EmbeddedKafkaOptions(Path dataDir, Map<String, String> brokerOverrides) {
        this(dataDir, brokerOverrides, 0, 0);
    }

    /** A temporary data directory, no overrides and free ports. */
    public static EmbeddedKafkaOptions defaults() {
        return new EmbeddedKafkaOptions(null, Map.of());
    }

    /** These options with the broker's data kept in {@code directory} (created if missing). */
    public EmbeddedKafkaOptions withDataDir(Path directory) {
        return new EmbeddedKafkaOptions(directory, brokerOverrides, brokerPort, controllerPort);
    }

    /** These options plus one broker setting, e.g. {@code withBrokerOverride("log.retention.ms", "60000")}. */
    public EmbeddedKafkaOptions withBrokerOverride(String key, String value) {
        Map<String, String> overrides = new HashMap<>(brokerOverrides);
        overrides.put(key, value);
        return new EmbeddedKafkaOptions(dataDir, overrides, brokerPort, controllerPort);
    }

    /**
     * These options with fixed ports on 127.0.0.1, e.g. those of a broker that is restarted
     * ({@link EmbeddedKafka#restartOptions()}), so clients keep their bootstrap address. 0 picks a free port.
     */
    public EmbeddedKafkaOptions withPorts(int brokerPort, int controllerPort) {
        return new EmbeddedKafkaOptions(dataDir, brokerOverrides, brokerPort, controllerPort);
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be within [0,65535] (0 = pick a free port), but was "
                    + port);
        }
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
                        + "it so that every listener binds 127.0.0.1 (choose ports with withPorts); managed settings: "
                        + MANAGED_SETTINGS);
            }
        });
        return Map.copyOf(overrides);
    }
}
