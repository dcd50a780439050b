package io.sandboxpipeline.kafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** The server.properties of a single-node KRaft broker whose listeners all bind 127.0.0.1. */
final class BrokerProperties {

    static final String LOOPBACK = "127.0.0.1";
    static final int NODE_ID = 1;

    private BrokerProperties() {
    }

    static Properties singleNode(int brokerPort, int controllerPort, Path logDir, Map<String, String> overrides) {
        Properties props = new Properties();
        // One process is both broker and controller of its own one-voter quorum.
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", Integer.toString(NODE_ID));
        // Static voters (not --standalone's dynamic quorum): the controller endpoint is read from this file on every
        // start instead of being written into the metadata log, so a restart on the same data dir may use new ports.
        props.setProperty("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort);
        props.setProperty("listeners",
                "PLAINTEXT://" + LOOPBACK + ":" + brokerPort + ",CONTROLLER://" + LOOPBACK + ":" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        // Internal topics cannot be replicated three times on one node: without these, consumer groups and
        // transactions (exactly-once) never start.
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("default.replication.factor", "1");
        props.setProperty("min.insync.replicas", "1");
        // Fewer partitions of the internal topics: the first consumer group or transaction starts in well under
        // a second instead of waiting for 50 partitions to load.
        props.setProperty("offsets.topic.num.partitions", "1");
        props.setProperty("transaction.state.log.num.partitions", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly, with the partition counts the pipeline asks for.
        props.setProperty("auto.create.topics.enable", "false");
        props.setProperty("num.partitions", "1");
        // The log cleaner's dedupe buffer defaults to 128 MiB of heap; an in-JVM broker shares the heap with its host.
        props.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        overrides.forEach(props::setProperty);
        return props;
    }

    static Properties adminConfig(String bootstrapServers) {
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

    static void writeConfig(Properties props, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "Written by EmbeddedKafka on every start; edits are overwritten");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Kafka broker configuration " + file, e);
        }
    }

    static boolean isBindFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
