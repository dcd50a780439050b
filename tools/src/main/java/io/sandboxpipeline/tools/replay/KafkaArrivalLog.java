package io.sandboxpipeline.tools.replay;

import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.core.topic.Topic;
import io.sandboxpipeline.schemas.FileArrival;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes file-arrival events to {@code <prefix>file-arrivals} with an idempotent producer ({@code acks=all}), and
 * reads the topic back without a consumer group to find events published after a checkpoint.
 */
public final class KafkaArrivalLog implements ArrivalLog {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READ_BACK_TIMEOUT = Duration.ofMinutes(5);

    private final Topic<String, FileArrival> topic;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /**
     * @param clientConfig Kafka client settings: {@code bootstrap.servers} and any SSL/SASL pass-through
     * @param topics       the pipeline's topics
     * @throws ReplayException when the topic does not exist
     */
    public KafkaArrivalLog(Map<String, Object> clientConfig, PipelineTopics topics) {
        this.topic = topics.fileArrivals();
        Map<String, Object> producerConfig = new HashMap<>(clientConfig);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "sandbox-pipeline-replay");
        Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumerConfig.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "sandbox-pipeline-replay-reader");
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            this.partitions = partitions(consumer, topic.name());
            // assigned before asking for end offsets: the consumer only keeps what it learns of assigned partitions
            consumer.assign(partitions);
            this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new ReplayException("topic " + topic + " does not exist: start the pipeline ('run') or create the topics "
                    + "('topics') first, and check topic.prefix (TOPIC_PREFIX)");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    @Override
    public void send(String eventId, FileArrival arrival) {
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), arrival);
        producer.send(new ProducerRecord<>(topic.name(), eventId, value), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    @Override
    public void flush() throws IOException {
        producer.flush();
        Exception error = failure.get();
        if (error != null) {
            throw new IOException("publishing to " + topic.name() + " failed: " + error.getMessage(), error);
        }
    }

    @Override
    public Map<Integer, Long> endOffsets() {
        return consumer.endOffsets(partitions, METADATA_TIMEOUT).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
    }

    @Override
    public Set<String> publishedSince(Map<Integer, Long> offsets, Set<String> eventIds) throws IOException {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
        for (TopicPartition partition : partitions) {
            Long from = offsets.get(partition.partition());
            if (from == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, from);
            }
        }
        Set<String> found = new HashSet<>();
        long deadline = System.nanoTime() + READ_BACK_TIMEOUT.toNanos();
        while (!reachedEnds(ends)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("could not read " + topic.name() + " back to its end within " + READ_BACK_TIMEOUT.toMinutes()
                        + " minutes to find the events published after the checkpoint");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.key() != null && eventIds.contains(record.key())) {
                    found.add(record.key());
                }
            }
        }
        return found;
    }

    private boolean reachedEnds(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), METADATA_TIMEOUT) >= e.getValue());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
        consumer.close();
    }

    @Override
    public String toString() {
        return "KafkaArrivalLog[" + topic.name() + "]";
    }
}
