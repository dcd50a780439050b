package io.sandboxpipeline.tools.verdicts;

import io.sandboxpipeline.core.topic.Topic;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code <prefix>verdicts} without a consumer group (every partition assigned, nothing committed), committed
 * records only, from the beginning or from the end.
 */
final class VerdictReader implements AutoCloseable {

    /** Why reading stopped short: the topic is unknown, or its end was not reached in time. */
    static final class ReadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReadException(String message) {
            super(message);
        }
    }

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);

    private final Topic<String, EnrichedVerdict> topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private long unreadable;

    VerdictReader(Map<String, Object> clientConfig, Topic<String, EnrichedVerdict> topic, boolean fromBeginning) {
        this.topic = topic;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "sandbox-pipeline-verdicts");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), METADATA_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new ReadException("topic " + topic.name() + " does not exist: is topic.prefix (TOPIC_PREFIX) right?");
            }
            this.partitions = infos.stream().map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            // seeks are lazy: resolve them now, so "the end" is the end when the command started
            partitions.forEach(partition -> consumer.position(partition, METADATA_TIMEOUT));
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * Hands every verdict up to the end offsets of now to {@code sink}, then returns.
     *
     * @throws ReadException when the end is not reached within {@code timeout}
     */
    void readToEnd(Consumer<EnrichedVerdict> sink, Duration timeout) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), METADATA_TIMEOUT) >= e.getValue())) {
            if (System.nanoTime() - deadline > 0) {
                throw new ReadException("could not read " + topic.name() + " to its end within " + timeout.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    deliver(record, sink);
                }
            }
        }
    }

    /** Hands every verdict to {@code sink} as it arrives, until {@code stop} says so. */
    void follow(Consumer<EnrichedVerdict> sink, BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                deliver(record, sink);
            }
        }
    }

    private void deliver(ConsumerRecord<byte[], byte[]> record, Consumer<EnrichedVerdict> sink) {
        if (record.value() == null) {
            return;
        }
        EnrichedVerdict verdict;
        try {
            verdict = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            unreadable++;
            return;
        }
        sink.accept(verdict);
    }

    /** Records that were not readable verdicts and were skipped. */
    long unreadable() {
        return unreadable;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
