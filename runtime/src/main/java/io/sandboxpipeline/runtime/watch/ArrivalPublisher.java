package io.sandboxpipeline.runtime.watch;

import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes complete files of watched folders as file-arrival events (lane {@code LIVE}, source system {@code watch}).
 * The event id is {@code watch:} and the SHA-256 of the file's URI, size and modification time: the same file in the
 * same state always has the same id.
 */
public final class ArrivalPublisher implements FolderWatcher.Publisher {

    private final Producer<String, byte[]> producer;
    private final PipelineTopics topics;
    private final Clock clock;

    public ArrivalPublisher(Producer<String, byte[]> producer, PipelineTopics topics, Clock clock) {
        this.producer = producer;
        this.topics = topics;
        this.clock = clock;
    }

    @Override
    public void publish(List<WatchedFile> files) throws Exception {
        String topic = topics.fileArrivals().name();
        Instant now = clock.instant();
        List<Future<?>> sent = new ArrayList<>();
        for (WatchedFile file : files) {
            FileArrival arrival = arrival(file, now);
            byte[] value = topics.fileArrivalSerde().serializer().serialize(topic, arrival);
            sent.add(producer.send(new ProducerRecord<>(topic, arrival.getEventId(), value)));
        }
        producer.flush();
        for (Future<?> future : sent) {
            future.get();
        }
    }

    static FileArrival arrival(WatchedFile file, Instant now) {
        String uri = file.path().toUri().toString();
        return FileArrival.newBuilder()
                .setEventId("watch:" + sha256(uri + "\n" + file.size() + "\n" + file.modifiedMillis()))
                .setUri(uri)
                .setSha256(null)
                .setSize(file.size())
                .setName(file.path().getFileName().toString())
                .setContentType(null)
                .setSourceSystem("watch")
                .setLane(Lane.LIVE)
                .setArrivalTime(now)
                .setAttributes(Map.of())
                .build();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
