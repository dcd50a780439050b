package io.sandboxpipeline.bench;

import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes file-arrival events one at a time, on the lane given, without remembering them: what the backlog mode
 * publishes by the hundred thousand must not stay on the heap it measures. The bench's one way to publish events.
 * One publisher per thread.
 */
final class ArrivalPublisher implements AutoCloseable {

    private final PipelineTopics topics;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> producer;

    ArrivalPublisher(String bootstrap, PipelineTopics topics, Clock clock) {
        this.topics = topics;
        this.clock = clock;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Hands one event to the producer and returns when that was.
     *
     * @param withHash whether the event carries the file's sha256 and size, as a storage system gives them
     */
    Instant publish(GeneratedFiles.Item item, boolean withHash, Lane lane) {
        return publish(item.eventId(), item.file(), withHash ? item.sha256() : null, withHash ? item.size() : null, lane);
    }

    /**
     * Hands one event for {@code file} to the producer and returns when that was.
     *
     * @param sha256 the hash the event carries, or null for the pipeline to hash the file
     * @param size   the size the event carries, or null
     */
    Instant publish(String eventId, Path file, String sha256, Long size, Lane lane) {
        String topic = topics.fileArrivals().name();
        Instant now = clock.instant();
        FileArrival arrival = FileArrival.newBuilder()
                .setEventId(eventId)
                .setUri(file.toUri().toString())
                .setSha256(sha256)
                .setSize(size)
                .setName(file.getFileName().toString())
                .setContentType(null)
                .setSourceSystem("bench")
                .setLane(lane)
                .setArrivalTime(now)
                .setAttributes(Map.of())
                .build();
        producer.send(new ProducerRecord<>(topic, eventId, topics.fileArrivalSerde().serializer().serialize(topic, arrival)));
        return now;
    }

    /** Returns once every event handed over so far is in Kafka. */
    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
