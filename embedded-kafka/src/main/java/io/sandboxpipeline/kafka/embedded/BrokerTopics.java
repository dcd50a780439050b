package io.sandboxpipeline.kafka.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics on the single broker and waits until it leads every partition. */
final class BrokerTopics {

    private static final short REPLICATION_FACTOR = 1;
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final String bootstrapServers;

    BrokerTopics(Admin admin, String bootstrapServers) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
    }

    static NewTopic newTopic(String name, int partitions, Map<String, String> configs) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic names must be non-blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1 for topic '" + name + "', was "
                    + partitions);
        }
        return new NewTopic(name, Optional.of(partitions), Optional.of(REPLICATION_FACTOR)).configs(configs);
    }

    void create(List<NewTopic> topics) {
        Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Creating topic '" + result.getKey() + "' on "
                            + bootstrapServers + " failed: " + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Creating topic '" + result.getKey() + "' on " + bootstrapServers
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
        Waiting.until(TOPIC_TIMEOUT, "topics " + names + " to have a leader for every partition", () -> {
            Map<String, TopicDescription> descriptions = admin
                    .describeTopics(names, new DescribeTopicsOptions().timeoutMs(1_000))
                    .allTopicNames()
                    .get();
            return descriptions.values().stream()
                    .allMatch(topic -> topic.partitions().stream().allMatch(partition -> partition.leader() != null));
        });
    }
}
