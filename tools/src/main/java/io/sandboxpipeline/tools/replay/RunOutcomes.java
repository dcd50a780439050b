package io.sandboxpipeline.tools.replay;

import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows {@code <prefix>verdicts} and {@code <prefix>dead-letters} from their beginning ({@code read_committed},
 * assigned partitions, no consumer group: nothing is committed) and keeps the first terminal record of each of a run's
 * event ids. A later record for an id already answered is counted as a duplicate, not kept.
 */
final class RunOutcomes implements AutoCloseable {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final PipelineTopics topics;
    private final Set<String> eventIds;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, EventOutcome> outcomes = new LinkedHashMap<>();
    private long duplicates;
    private long unreadable;

    RunOutcomes(Map<String, Object> clientConfig, PipelineTopics topics, Set<String> eventIds) {
        this.topics = topics;
        this.eventIds = Set.copyOf(eventIds);
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "sandbox-pipeline-replay-outcomes");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.verdicts().name(), topics.deadLetters().name())) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
                if (infos == null || infos.isEmpty()) {
                    throw new ReplayException("topic " + topic + " does not exist: is the pipeline running, and is topic.prefix right?");
                }
                infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * Reads until every event has its terminal record, the deadline passes or a stop is requested; prints how many
     * are answered every {@code every}.
     */
    void await(Clock clock, Instant deadline, BooleanSupplier stop, PrintWriter out, Duration every) {
        Instant lastLine = clock.instant();
        while (!complete() && clock.instant().isBefore(deadline) && !stop.getAsBoolean()) {
            poll(Duration.ofMillis(250));
            if (Duration.between(lastLine, clock.instant()).compareTo(every) >= 0) {
                lastLine = clock.instant();
                out.printf("  %d/%d events have their verdict or dead letter%n", count(), eventIds.size());
                out.flush();
            }
        }
    }

    /** Reads what arrives within the timeout. */
    void poll(Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            try {
                if (record.topic().equals(topics.verdicts().name())) {
                    EnrichedVerdict verdict = topics.verdicts().valueSerde().deserializer().deserialize(record.topic(), record.value());
                    add(verdict.getEventId(), EventOutcome.of(verdict));
                } else {
                    DeadLetter letter = topics.deadLetters().valueSerde().deserializer().deserialize(record.topic(), record.value());
                    add(letter.getEventId(), EventOutcome.of(letter));
                }
            } catch (SerializationException e) {
                // not ours to judge here (reconcile reports such records); it cannot answer one of our events anyway
                unreadable++;
            }
        }
    }

    private void add(String eventId, EventOutcome outcome) {
        if (eventId == null || !eventIds.contains(eventId)) {
            return;
        }
        if (outcomes.putIfAbsent(eventId, outcome) != null) {
            duplicates++;
        }
    }

    int count() {
        return outcomes.size();
    }

    boolean complete() {
        return outcomes.size() == eventIds.size();
    }

    Map<String, EventOutcome> outcomes() {
        return Map.copyOf(outcomes);
    }

    long duplicates() {
        return duplicates;
    }

    long unreadable() {
        return unreadable;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
