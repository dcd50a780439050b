package io.sandboxpipeline.bench;

import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what a SOC tool would read (the verdicts and dead letters, committed records only) and notes when each
 * event's terminal record became visible; also hands the key of every scan-flows record (the flow id) to a listener,
 * so flows can be watched while they run. A second terminal record for an event is counted as a duplicate.
 */
final class VerdictCollector implements AutoCloseable {

    /**
     * The first terminal record of an event, and when it was read; only the fields the benchmark reports are kept,
     * so that holding tens of thousands of them does not weigh on the heap being measured.
     *
     * @param status    the verdict's status, or {@code DEAD_LETTER}
     * @param verdict   the verdict ({@code UNKNOWN} for dead letters)
     * @param decidedBy what decided it ({@code NONE} for dead letters)
     */
    record Terminal(Instant readAt, String status, String verdict, String decidedBy, String sha256, String flowId,
                    String reason) {

        static Terminal of(Instant readAt, EnrichedVerdict v) {
            return new Terminal(readAt, String.valueOf(v.getStatus()), String.valueOf(v.getVerdict()),
                    String.valueOf(v.getDecidedBy()), v.getSha256(), v.getFlowId(), v.getReason());
        }

        static Terminal of(Instant readAt, DeadLetter letter) {
            return new Terminal(readAt, "DEAD_LETTER", "UNKNOWN", "NONE", null, null,
                    letter.getErrorType() + ": " + letter.getReason());
        }
    }

    private final PipelineTopics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Consumer<String> flowListener;
    private final Clock clock;
    private final Map<String, Terminal> terminals = new HashMap<>();
    private int duplicates;

    VerdictCollector(String bootstrapServers, PipelineTopics topics, Consumer<String> flowListener, Clock clock) {
        this.topics = topics;
        this.flowListener = flowListener;
        this.clock = clock;
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.verdicts().name(), topics.deadLetters().name(), topics.scanFlows().name())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // resolve the end offsets now, before anything is published, so nothing published later is skipped
        partitions.forEach(consumer::position);
    }

    /** Reads until every one of {@code eventIds} has its terminal record, or until {@code deadline}. */
    void awaitAll(Set<String> eventIds, Instant deadline) {
        while (!terminals.keySet().containsAll(eventIds) && clock.instant().isBefore(deadline)) {
            poll(eventIds, Duration.ofMillis(100));
        }
        // a little longer, so that a duplicate right behind the last record is seen
        poll(eventIds, Duration.ofMillis(200));
    }

    private void poll(Set<String> awaited, Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            Instant readAt = clock.instant();
            if (record.topic().equals(topics.scanFlows().name())) {
                if (record.key() != null) {
                    flowListener.accept(new String(record.key(), StandardCharsets.UTF_8));
                }
            } else if (record.topic().equals(topics.verdicts().name())) {
                EnrichedVerdict verdict = topics.verdicts().valueSerde().deserializer().deserialize(record.topic(), record.value());
                add(awaited, verdict.getEventId(), Terminal.of(readAt, verdict));
            } else {
                DeadLetter letter = topics.deadLetters().valueSerde().deserializer().deserialize(record.topic(), record.value());
                add(awaited, letter.getEventId(), Terminal.of(readAt, letter));
            }
        }
    }

    private void add(Set<String> awaited, String eventId, Terminal terminal) {
        if (eventId == null || !awaited.contains(eventId)) {
            return;
        }
        if (terminals.putIfAbsent(eventId, terminal) != null) {
            duplicates++;
        }
    }

    Map<String, Terminal> terminals() {
        return terminals;
    }

    int duplicates() {
        return duplicates;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
