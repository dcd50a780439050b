package io.sandboxpipeline.app.chaos;

import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes file-arrival events, as a storage integration would (idempotent producer, acks=all). */
final class ArrivalPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final PipelineTopics topics;
    private final Clock clock;

    ArrivalPublisher(String bootstrapServers, PipelineTopics topics, Clock clock) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // the broker may be restarted while events are published: keep retrying instead of failing the send
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                new StringSerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.clock = clock;
    }

    void publish(ChaosEvent event) {
        String topic = topics.fileArrivals().name();
        producer.send(new ProducerRecord<>(topic, event.eventId(),
                topics.fileArrivalSerde().serializer().serialize(topic, arrival(event))));
    }

    /** An input record that is not a FileArrival: it must end as a dead letter. */
    void publishRaw(String key, byte[] value) {
        producer.send(new ProducerRecord<>(topics.fileArrivals().name(), key, value));
    }

    void flush() {
        producer.flush();
    }

    private FileArrival arrival(ChaosEvent event) {
        return FileArrival.newBuilder().setEventId(event.eventId()).setUri(event.file().toUri().toString())
                .setSha256(null).setSize(null).setName(event.file().getFileName().toString()).setContentType(null)
                .setSourceSystem("chaos").setLane(Lane.LIVE).setArrivalTime(clock.instant()).setAttributes(Map.of())
                .build();
    }

    @Override
    public void close() {
        producer.close();
    }
}
