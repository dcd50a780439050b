package io.sandboxpipeline.core.streams;

import io.sandboxpipeline.core.config.TopicCompression;
import io.sandboxpipeline.core.topic.TopicNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's topics (those that do not exist yet) with their partition counts, cleanup policies and, for the
 * output topics, a compression codec every mainstream client decodes ({@link TopicCompression}). Topics that exist
 * already are left as they are: {@code docs/operations.md} says how to change an existing topic's codec.
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /** The topics to create, with the configs each needs, output topics with the default codec (gzip). */
    public static List<NewTopic> plan(TopicNames names, int partitions, short replicationFactor) {
        return plan(names, partitions, replicationFactor, TopicCompression.DEFAULTS);
    }

    /** The topics to create, with the configs each needs. */
    public static List<NewTopic> plan(TopicNames names, int partitions, short replicationFactor, TopicCompression compression) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names.all()) {
            Map<String, String> configs = new HashMap<>(configsFor(names, name));
            if (names.outputs().contains(name)) {
                configs.put(TopicConfig.COMPRESSION_TYPE_CONFIG, compression.output());
            }
            topics.add(new NewTopic(name, partitions, replicationFactor).configs(configs));
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

    /**
     * The output topics that exist with another {@code compression.type} than {@code compression.output} (e.g. made
     * before it was set, or by hand), with their codec. Best effort: an answer the broker refuses (no DescribeConfigs
     * permission) gives none.
     */
    public static Map<String, String> outputsInOtherCodecs(Admin admin, TopicNames names, TopicCompression compression) {
        Map<String, String> others = new TreeMap<>();
        try {
            List<ConfigResource> resources = names.outputs().stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            configs.forEach((resource, config) -> {
                ConfigEntry codec = config.get(TopicConfig.COMPRESSION_TYPE_CONFIG);
                if (codec != null && !compression.output().equals(codec.value())) {
                    others.put(resource.name(), codec.value());
                }
            });
        } catch (ExecutionException | TimeoutException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        return others;
    }

    /** Creates every missing topic (output topics with the default codec) and returns the names it created. */
    public static List<String> createMissing(Admin admin, TopicNames names, int partitions, short replicationFactor) {
        return createMissing(admin, names, partitions, replicationFactor, TopicCompression.DEFAULTS);
    }

    /** Creates every missing topic and returns the names it created. */
    public static List<String> createMissing(Admin admin, TopicNames names, int partitions, short replicationFactor,
                                             TopicCompression compression) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = plan(names, partitions, replicationFactor, compression).stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
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
