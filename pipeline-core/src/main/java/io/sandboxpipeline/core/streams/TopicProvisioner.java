package io.sandboxpipeline.core.streams;

import io.sandboxpipeline.core.topic.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** Creates the pipeline's topics (those that do not exist yet) with their partition counts and cleanup policies. */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /** The topics to create, with the configs each needs. */
    public static List<NewTopic> plan(TopicNames names, int partitions, short replicationFactor) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names.all()) {
            topics.add(new NewTopic(name, partitions, replicationFactor).configs(configsFor(names, name)));
        }
        return topics;
    }

    private static Map<String, String> configsFor(TopicNames names, String name) {
        if (name.equals(names.deadLetters())) {
            // dead letters are evidence: keep them for a month
            return Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(TimeUnit.DAYS.toMillis(30)));
        }
        if (name.equals(names.verdictCache()) || name.equals(names.iocFeed())) {
            // the latest verdict per sha256, the latest picture per indicator: that is all that matters
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        if (names.pollsDelayed().contains(name)) {
            // a delayed poll is consumed within minutes of its due time; a day is plenty
            return Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(TimeUnit.DAYS.toMillis(1)));
        }
        return Map.of();
    }

    /** Creates every missing topic and returns the names it created. */
    public static List<String> createMissing(Admin admin, TopicNames names, int partitions, short replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = plan(names, partitions, replicationFactor).stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                return List.of();
            }
            throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics: is Kafka reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
