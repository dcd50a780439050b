package io.sandboxpipeline.runtime;

import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the verdicts topic for the status page, from its start (committed records only, as SOC tooling reads them):
 * how many verdicts it holds by verdict, and the latest few. One thread, no consumer group.
 */
final class VerdictTail implements AutoCloseable {

    static final int LATEST = 20;
    private static final Logger LOG = LoggerFactory.getLogger(VerdictTail.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PipelineTopics topics;
    private final Thread thread;
    private final Map<String, Long> byVerdict = new TreeMap<>();
    private final Deque<EnrichedVerdict> latest = new ArrayDeque<>();
    private long total;
    private long unreadable;
    private volatile boolean running = true;

    VerdictTail(Map<String, Object> clientConfig, PipelineTopics topics) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sandbox-pipeline-status");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.thread = new Thread(this::follow, "sandbox-pipeline-status-tail");
        thread.setDaemon(true);
        thread.start();
    }

    /** What the topic holds so far. */
    record Snapshot(String topic, long total, Map<String, Long> byVerdict, List<EnrichedVerdict> latest, long unreadable) {
    }

    synchronized Snapshot snapshot() {
        List<EnrichedVerdict> newestFirst = new ArrayList<>(latest);
        Collections.reverse(newestFirst);
        return new Snapshot(topics.verdicts().name(), total, Map.copyOf(byVerdict), newestFirst, unreadable);
    }

    private void follow() {
        String topic = topics.verdicts().name();
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            while (running && partitions.isEmpty()) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    add(record);
                }
            }
        } catch (WakeupException stopping) {
            // close() ends the thread
        } catch (RuntimeException e) {
            if (running) {
                LOG.warn("the status page stopped following {}: {}", topic, e.toString());
            }
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    private synchronized void add(ConsumerRecord<byte[], byte[]> record) {
        try {
            EnrichedVerdict verdict = topics.verdicts().valueSerde().deserializer().deserialize(record.topic(), record.value());
            total++;
            byVerdict.merge(String.valueOf(verdict.getVerdict()), 1L, Long::sum);
            latest.addLast(verdict);
            if (latest.size() > LATEST) {
                latest.removeFirst();
            }
        } catch (RuntimeException e) {
            unreadable++;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(2_000);
    }
}
