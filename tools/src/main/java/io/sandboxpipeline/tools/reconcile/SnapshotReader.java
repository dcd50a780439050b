package io.sandboxpipeline.tools.reconcile;

import io.sandboxpipeline.core.topic.PipelineTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the input, verdicts and dead-letters topics from their beginning up to the end offsets taken when reading
 * starts: a snapshot, so records written meanwhile neither count nor keep the read from ending. Reads committed
 * records only ({@code read_committed}, as the pipeline's consumers do), with assigned partitions and no consumer
 * group: nothing is committed anywhere.
 */
public final class SnapshotReader implements AutoCloseable {

    /** Why the snapshot could not be read: the topics are unknown, or reading took longer than allowed. */
    public static final class SnapshotException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SnapshotException(String message) {
            super(message);
        }
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final PipelineTopics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RecordDecoder decoder;

    /**
     * @param clientConfig Kafka client settings: at least {@code bootstrap.servers}, plus e.g. SSL/SASL
     * @param topics       the pipeline's topics and serdes
     */
    public SnapshotReader(Map<String, Object> clientConfig, PipelineTopics topics) {
        this.topics = topics;
        this.decoder = new RecordDecoder(topics);
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // reading must never create a topic that a wrong prefix names
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "sandbox-pipeline-reconcile");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Reads the snapshot.
     *
     * @param timeout how long reading may take in all
     * @throws SnapshotException when a topic does not exist or the end offsets are not reached in time
     */
    public TopicSnapshot read(Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        String input = topics.fileArrivals().name();
        List<TopicPartition> terminalPartitions = new ArrayList<>(partitions(topics.verdicts().name(), remaining(deadline)));
        terminalPartitions.addAll(partitions(topics.deadLetters().name(), remaining(deadline)));
        List<TopicPartition> inputPartitions = partitions(input, remaining(deadline));
        List<TopicPartition> all = new ArrayList<>(inputPartitions);
        all.addAll(terminalPartitions);
        // assigned before asking for end offsets, so that the consumer can record the last stable offsets it learns
        consumer.assign(all);
        // terminal ends first: an input record published in between then shows as pending (it is young), where the
        // other order could show its answer as an orphan
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(terminalPartitions, remaining(deadline)));
        ends.putAll(consumer.endOffsets(inputPartitions, remaining(deadline)));
        consumer.seekToBeginning(all);
        List<InputRecord> inputs = new ArrayList<>();
        List<TerminalRecord> verdicts = new ArrayList<>();
        List<TerminalRecord> deadLetters = new ArrayList<>();
        Set<TopicPartition> unfinished = new HashSet<>(all);
        while (true) {
            unfinished.removeIf(tp -> reachedEnd(tp, ends.get(tp), remaining(deadline)));
            if (unfinished.isEmpty()) {
                break;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new SnapshotException("could not read to the end of " + unfinished.size() + " of " + all.size()
                        + " partitions within " + DurationText.format(timeout) + " (still reading " + sorted(unfinished)
                        + "): try a longer --timeout");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= ends.get(tp)) {
                    continue; // written after the snapshot was taken
                }
                if (record.topic().equals(input)) {
                    inputs.add(decoder.input(record));
                } else if (record.topic().equals(topics.verdicts().name())) {
                    verdicts.add(decoder.verdict(record));
                } else {
                    deadLetters.add(decoder.deadLetter(record));
                }
            }
        }
        List<TerminalRecord> terminals = new ArrayList<>(verdicts);
        terminals.addAll(deadLetters);
        return new TopicSnapshot(inputs, terminals, all.size(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** What is left of the time allowed, at least a millisecond so a last call can still answer. */
    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofMillis(1).toNanos()));
    }

    private boolean reachedEnd(TopicPartition tp, long end, Duration timeout) {
        if (consumer.position(tp, timeout) < end) {
            return false;
        }
        consumer.pause(List.of(tp));
        return true;
    }

    private List<TopicPartition> partitions(String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new SnapshotException("topic " + topic + " does not exist: is topic.prefix (TOPIC_PREFIX) right?");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private static List<String> sorted(Set<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::toString).sorted().toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
