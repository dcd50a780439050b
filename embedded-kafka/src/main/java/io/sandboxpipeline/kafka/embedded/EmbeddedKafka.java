package io.sandboxpipeline.kafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.record.internal.FileRecords;
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
    private static final short REPLICATION_FACTOR = 1;
    private static final int START_ATTEMPTS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);
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
            writeConfig(props, directory.configFile());
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
                if (attempt < START_ATTEMPTS && isBindFailure(e)) {
                    // Another process took a port between our check and the broker's bind: pick new ports. A fixed
                    // port is tried again after a pause (a socket of the previous run may still be closing).
                    if (fixedPort) {
                        pause(FIXED_PORT_RETRY_PAUSE);
                    }
                    continue;
                }
                throw new IllegalStateException("Kafka broker in " + directory.root() + " failed to start"
                        + (isBindFailure(e) ? " on 127.0.0.1 ports " + brokerPort + " and " + controllerPort
                        + " (taken by another process?)" : "") + ": " + e.getMessage(), e);
            }
            return ready(server, directory, options, brokerPort, controllerPort);
        }
    }

    private static EmbeddedKafka ready(KafkaRaftServer server, DataDirectory directory, EmbeddedKafkaOptions options,
                                       int brokerPort, int controllerPort) {
        Admin admin = Admin.create(adminConfig(BrokerProperties.LOOPBACK + ":" + brokerPort));
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
            topics.add(newTopic(name, partitions, Map.of()));
        }
        create(topics);
    }

    /**
     * Creates one topic with topic-level {@code configs} (e.g. {@code cleanup.policy=compact}) and waits until
     * every partition has a leader. An existing topic is left as it is.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        create(List.of(newTopic(name, partitions, configs == null ? Map.of() : configs)));
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
        Set<String> codecs = new TreeSet<>();
        try (Stream<Path> partitions = Files.list(dataDirectory.logDir())) {
            for (Path partition : partitions.filter(p -> p.getFileName().toString().matches(Pattern.quote(topic) + "-\\d+")).toList()) {
                try (Stream<Path> segments = Files.list(partition)) {
                    for (Path segment : segments.filter(p -> p.toString().endsWith(".log")).toList()) {
                        try (FileRecords records = FileRecords.open(segment.toFile(), false, true, 0, false)) {
                            records.batches().forEach(batch -> codecs.add(batch.compressionType().name));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log segments of " + topic, e);
        }
        return codecs;
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[bootstrapServers=" + bootstrapServers() + ", dataDir=" + dataDirectory.root() + "]";
    }

    private static NewTopic newTopic(String name, int partitions, Map<String, String> configs) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic names must be non-blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1 for topic '" + name + "', was "
                    + partitions);
        }
        return new NewTopic(name, Optional.of(partitions), Optional.of(REPLICATION_FACTOR)).configs(configs);
    }

    private void create(List<NewTopic> topics) {
        Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Creating topic '" + result.getKey() + "' on "
                            + bootstrapServers() + " failed: " + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Creating topic '" + result.getKey() + "' on " + bootstrapServers()
                        + " did not finish within " + TOPIC_TIMEOUT.toSeconds() + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating topic '" + result.getKey() + "'", e);
            }
        }
        awaitLeaders(topics.stream().map(NewTopic::name).toList());
    }

    /** Creation is acknowledged by the controller; wait until the broker serves every partition too. */
    private void awaitLeaders(List<String> names) {
        awaitCondition(TOPIC_TIMEOUT, "topics " + names + " to have a leader for every partition", () -> {
            Map<String, TopicDescription> descriptions = admin
                    .describeTopics(names, new DescribeTopicsOptions().timeoutMs(1_000))
                    .allTopicNames()
                    .get();
            return descriptions.values().stream()
                    .allMatch(topic -> topic.partitions().stream().allMatch(partition -> partition.leader() != null));
        });
    }

    private void awaitClusterReady() {
        // The broker answers metadata only once it is registered and unfenced, so topics can be created after this.
        awaitCondition(READY_TIMEOUT, "the broker on " + bootstrapServers() + " to become ready",
                () -> !admin.describeCluster(new DescribeClusterOptions().timeoutMs(1_000)).nodes().get().isEmpty());
    }

    private static void awaitCondition(Duration timeout, String what, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.passes()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            } catch (Exception e) {
                last = e;
            }
            pause();
        }
        throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (last == null ? "" : ": " + last.getMessage()), last);
    }

    private static void pause() {
        pause(RETRY_PAUSE);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    private static Properties adminConfig(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "50");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return props;
    }

    private static void writeConfig(Properties props, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "Written by EmbeddedKafka on every start; edits are overwritten");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Kafka broker configuration " + file, e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
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

    @FunctionalInterface
    private interface Check {
        boolean passes() throws Exception;
    }
}
