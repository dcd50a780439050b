package io.sandboxpipeline.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one) running inside this JVM, with every
 * listener bound to 127.0.0.1 on a free port (or on given ports, see {@link EmbeddedKafkaOptions#withPorts}). For
 * tests and the demo; not for production.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     kafka.createTopics(3, "files.stored", "verdicts");
 *     Properties producerProps = new Properties();
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 *     ...
 * }
 * }</pre>
 *
 * <p>The broker is ready when {@code start} returns. It is set up for one node: internal topics (consumer offsets,
 * transaction state, share-group state) have replication factor 1 and min ISR 1, so consumer groups and exactly-once
 * transactions work; topics are never auto-created.
 *
 * <p><b>Logging:</b> the broker logs through SLF4J under the {@code kafka} and {@code org.apache.kafka} loggers and
 * writes thousands of INFO lines while starting. Callers should set both loggers to WARN, e.g. in logback:
 * {@code <logger name="kafka" level="WARN"/>} and {@code <logger name="org.apache.kafka" level="WARN"/>}.
 *
 * <p>Do not close the {@link #admin()} client: this instance owns it and closes it in {@link #close()}.
 *
 * <p><b>Restarting:</b> a broker started on a given data directory can be stopped and started again on the same
 * ports and data, so clients keep their bootstrap address and find their topics, records and transactions:
 * <pre>{@code
 * EmbeddedKafkaOptions again = kafka.restartOptions();
 * kafka.close();
 * kafka = EmbeddedKafka.start(again);
 * }</pre>
 *
 * <p>Not the test kits of Kafka itself ({@code KafkaClusterTestKit}), which bind every interface: this class starts
 * {@code kafka.server.KafkaRaftServer} directly, as {@code kafka-server-start.sh} would, after formatting the storage
 * with {@code kafka.tools.StorageTool}.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int START_ATTEMPTS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FIXED_PORT_RETRY_PAUSE = Duration.ofMillis(500);

    private final KafkaRaftServer server;
    private final Admin admin;
    private final DataDirectory dataDirectory;
    private final EmbeddedKafkaOptions options;
    private final int brokerPort;
    private final int controllerPort;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Admin admin, DataDirectory dataDirectory,
                          EmbeddedKafkaOptions options, int brokerPort, int controllerPort) {
        this.server = server;
        this.admin = admin;
        this.dataDirectory = dataDirectory;
        this.options = options;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    /** Starts a broker on free loopback ports with its data in a temporary directory deleted on close. */
    public static EmbeddedKafka start() {
        return start(EmbeddedKafkaOptions.defaults());
    }

    /**
     * Starts a broker as {@code options} say and returns once it answers admin requests. Ports left at 0 are picked
     * anew on every start: a broker restarted on the same data dir then keeps its topics and records but has a new
     * {@link #bootstrapServers()}; {@link #restartOptions()} keeps the ports too.
     *
     * @throws IllegalStateException if the broker does not start or become ready within 60 s, or a fixed port is
     *                               taken
     */
    public static EmbeddedKafka start(EmbeddedKafkaOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null; use EmbeddedKafkaOptions.defaults()");
        }
        DataDirectory directory = DataDirectory.of(options.dataDir());
        try {
            return startIn(directory, options);
        } catch (RuntimeException e) {
            deleteQuietly(directory);
            throw e;
        }
    }

    private static EmbeddedKafka startIn(DataDirectory directory, EmbeddedKafkaOptions options) {
        boolean fixedPort = options.brokerPort() != 0 || options.controllerPort() != 0;
        for (int attempt = 1; ; attempt++) {
            int brokerPort = options.brokerPort() != 0 ? options.brokerPort()
                    : FreePort.onLoopbackOtherThan(options.controllerPort());
            int controllerPort = options.controllerPort() != 0 ? options.controllerPort()
                    : FreePort.onLoopbackOtherThan(brokerPort);
            Properties props = BrokerProperties.singleNode(brokerPort, controllerPort, directory.logDir(),
                    options.brokerOverrides());
            BrokerProperties.writeConfig(props, directory.configFile());
            StorageFormat.formatIfNeeded(directory.configFile(), directory.logDir());
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                try {
                    stop(server);
                } catch (RuntimeException shutdownFailure) {
                    e.addSuppressed(shutdownFailure);
                }
                if (attempt < START_ATTEMPTS && BrokerProperties.isBindFailure(e)) {
                    // Another process took a port between our check and the broker's bind: pick new ports. A fixed
                    // port is tried again after a pause (a socket of the previous run may still be closing).
                    if (fixedPort) {
                        Waiting.pause(FIXED_PORT_RETRY_PAUSE);
                    }
                    continue;
                }
                throw new IllegalStateException("Kafka broker in " + directory.root() + " failed to start"
                        + (BrokerProperties.isBindFailure(e) ? " on 127.0.0.1 ports " + brokerPort + " and " + controllerPort
                        + " (taken by another process?)" : "") + ": " + e.getMessage(), e);
            }
            return ready(server, directory, options, brokerPort, controllerPort);
        }
    }

    private static EmbeddedKafka ready(KafkaRaftServer server, DataDirectory directory, EmbeddedKafkaOptions options,
                                       int brokerPort, int controllerPort) {
        Admin admin = Admin.create(BrokerProperties.adminConfig(BrokerProperties.LOOPBACK + ":" + brokerPort));
        EmbeddedKafka kafka = new EmbeddedKafka(server, admin, directory, options, brokerPort, controllerPort);
        try {
            kafka.awaitClusterReady();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /** Where clients connect: {@code "127.0.0.1:PORT"}. */
    public String bootstrapServers() {
        return BrokerProperties.LOOPBACK + ":" + brokerPort;
    }

    /**
     * Creates topics with {@code partitions} partitions each and waits until every partition has a leader. Topics
     * that already exist are left as they are (their partition count is not changed).
     */
    public void createTopics(int partitions, String... names) {
        if (names == null || names.length == 0) {
            throw new IllegalArgumentException("createTopics needs at least one topic name");
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(BrokerTopics.newTopic(name, partitions, Map.of()));
        }
        new BrokerTopics(admin, bootstrapServers()).create(topics);
    }

    /**
     * Creates one topic with topic-level {@code configs} (e.g. {@code cleanup.policy=compact}) and waits until
     * every partition has a leader. An existing topic is left as it is.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        new BrokerTopics(admin, bootstrapServers()).create(List.of(BrokerTopics.newTopic(name, partitions, configs == null ? Map.of() : configs)));
    }

    /**
     * Options that start a broker on this one's ports and data directory, with its overrides: after {@link #close()},
     * {@code EmbeddedKafka.start(restartOptions())} brings "the same" broker back, at the same
     * {@link #bootstrapServers()}, with its topics, records, committed offsets and transaction state.
     *
     * @throws IllegalStateException if the data directory is temporary (it is deleted on close)
     */
    public EmbeddedKafkaOptions restartOptions() {
        if (dataDirectory.temporary()) {
            throw new IllegalStateException("This broker keeps its data in a temporary directory that close() deletes,"
                    + " so it cannot be restarted with its data: start it with EmbeddedKafkaOptions.defaults()"
                    + ".withDataDir(dir)");
        }
        return options.withDataDir(dataDirectory.root()).withPorts(brokerPort, controllerPort);
    }

    /** An admin client connected to this broker, shared and owned by this instance: do not close it. */
    public Admin admin() {
        return admin;
    }

    /** Stops the broker, waits until it has stopped and deletes the data directory if it was temporary. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Pending admin calls fail at once instead of holding up the shutdown.
        admin.close(Duration.ZERO);
        stop(server);
        deleteQuietly(dataDirectory);
    }

    /** The ports this broker listens on (broker, then controller); both bound to 127.0.0.1. */
    List<Integer> listenerPorts() {
        return List.of(brokerPort, controllerPort);
    }

    Path dataDir() {
        return dataDirectory.root();
    }

    /**
     * The compression codecs ({@code none}, {@code gzip}, {@code lz4}, ...) of the record batches this broker has stored
     * for {@code topic}, read from its log segments: what a consumer of that topic has to decode.
     */
    public Set<String> storedCodecs(String topic) {
        return LogSegments.codecsOf(dataDirectory.logDir(), topic);
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[bootstrapServers=" + bootstrapServers() + ", dataDir=" + dataDirectory.root() + "]";
    }

    private void awaitClusterReady() {
        // The broker answers metadata only once it is registered and unfenced, so topics can be created after this.
        Waiting.until(READY_TIMEOUT, "the broker on " + bootstrapServers() + " to become ready",
                () -> !admin.describeCluster(new DescribeClusterOptions().timeoutMs(1_000)).nodes().get().isEmpty());
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void deleteQuietly(DataDirectory directory) {
        try {
            directory.deleteIfTemporary();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete the temporary Kafka data directory {}: {}", directory.root(), e.getMessage());
        }
    }

}
