package io.sandboxpipeline.app.chaos;

import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every terminal record (verdicts and dead letters) as a downstream consumer sees it: {@code read_committed}, from the
 * beginning, without a consumer group. Counts them per event id; call {@link #poll(Duration)} to catch up.
 */
final class TerminalTally implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PipelineTopics topics;
    private final Map<String, List<EnrichedVerdict>> verdicts = new HashMap<>();
    private final Map<String, List<DeadLetter>> deadLetters = new HashMap<>();
    private long records;

    TerminalTally(String bootstrapServers, PipelineTopics topics) {
        this.topics = topics;
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.verdicts().name(), topics.deadLetters().name())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what arrived within {@code timeout}. */
    void poll(Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            records++;
            if (record.topic().equals(topics.verdicts().name())) {
                EnrichedVerdict verdict = topics.verdicts().valueSerde().deserializer()
                        .deserialize(record.topic(), record.value());
                verdicts.computeIfAbsent(verdict.getEventId(), id -> new ArrayList<>()).add(verdict);
            } else {
                DeadLetter deadLetter = topics.deadLetters().valueSerde().deserializer()
                        .deserialize(record.topic(), record.value());
                deadLetters.computeIfAbsent(String.valueOf(deadLetter.getEventId()), id -> new ArrayList<>())
                        .add(deadLetter);
            }
        }
    }

    /** Terminal records read so far, duplicates included. */
    long records() {
        return records;
    }

    /** How many of {@code eventIds} have at least one terminal record. */
    long answered(Collection<String> eventIds) {
        return eventIds.stream().filter(id -> count(id) > 0).count();
    }

    int count(String eventId) {
        return verdicts.getOrDefault(eventId, List.of()).size() + deadLetters.getOrDefault(eventId, List.of()).size();
    }

    /** The events of {@code eventIds} without a terminal record. */
    Set<String> missing(Collection<String> eventIds) {
        Set<String> missing = new TreeSet<>();
        eventIds.stream().filter(id -> count(id) == 0).forEach(missing::add);
        return missing;
    }

    /** Every event id (expected or not) with more than one terminal record. */
    Set<String> duplicated() {
        Set<String> ids = new TreeSet<>(verdicts.keySet());
        ids.addAll(deadLetters.keySet());
        ids.removeIf(id -> count(id) <= 1);
        return ids;
    }

    /** Terminal records for events that were never published. */
    Set<String> unexpected(Collection<String> eventIds) {
        Set<String> ids = new TreeSet<>(verdicts.keySet());
        ids.addAll(deadLetters.keySet());
        ids.removeAll(Set.copyOf(eventIds));
        return ids;
    }

    List<EnrichedVerdict> verdicts() {
        return verdicts.values().stream().flatMap(List::stream).toList();
    }

    EnrichedVerdict verdict(String eventId) {
        return verdicts.getOrDefault(eventId, List.of()).stream().findFirst().orElse(null);
    }

    List<DeadLetter> deadLetters(String eventId) {
        return deadLetters.getOrDefault(eventId, List.of());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
