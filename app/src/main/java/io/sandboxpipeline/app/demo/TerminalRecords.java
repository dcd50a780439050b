package io.sandboxpipeline.app.demo;

import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the two terminal topics (verdicts and dead letters) and keeps the record of each awaited event id. A second
 * terminal record for the same event is counted as a duplicate: every event must end in exactly one.
 */
final class TerminalRecords implements AutoCloseable {

    /** The one terminal record of an event: a verdict or a dead letter. */
    record Terminal(EnrichedVerdict verdict, DeadLetter deadLetter) {
    }

    private final PipelineTopics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Set<String> awaited;
    private final Map<String, Terminal> terminals = new LinkedHashMap<>();
    private final List<String> duplicates = new ArrayList<>();

    TerminalRecords(String bootstrapServers, PipelineTopics topics, Set<String> awaited) {
        this.topics = topics;
        this.awaited = Set.copyOf(awaited);
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.verdicts().name(), topics.deadLetters().name())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what arrived within the timeout. */
    void poll(Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            if (record.topic().equals(topics.verdicts().name())) {
                EnrichedVerdict verdict = topics.verdicts().valueSerde().deserializer().deserialize(record.topic(), record.value());
                add(verdict.getEventId(), new Terminal(verdict, null));
            } else {
                DeadLetter letter = topics.deadLetters().valueSerde().deserializer().deserialize(record.topic(), record.value());
                add(letter.getEventId(), new Terminal(null, letter));
            }
        }
    }

    private void add(String eventId, Terminal terminal) {
        if (eventId == null || !awaited.contains(eventId)) {
            return;
        }
        if (terminals.putIfAbsent(eventId, terminal) != null) {
            duplicates.add(eventId);
        }
    }

    int count() {
        return terminals.size();
    }

    boolean complete() {
        return terminals.keySet().containsAll(awaited);
    }

    Map<String, Terminal> terminals() {
        return terminals;
    }

    List<String> duplicates() {
        return duplicates;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
