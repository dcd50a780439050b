package io.sandboxpipeline.app.e2e;

import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.runtime.Stage;
import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs the three stages against a real broker and the Sandbox (emulator) over HTTP, with a unique topic prefix and
 * application ids per test; publishes file-arrival events and collects every terminal record.
 */
final class PipelineHarness implements AutoCloseable {

    private final String bootstrap;
    private final ConfigValues config;
    private final PipelineTopics topics;
    private final Map<Stage, StageRunner> running = new EnumMap<>(Stage.class);
    private final List<StageRunner> extraInstances = new ArrayList<>();

    PipelineHarness(String bootstrap, String sandboxUrl, String apiKey, Path stateDir) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        this.bootstrap = bootstrap;
        Map<String, String> values = new HashMap<>();
        values.put("kafka.bootstrap.servers", bootstrap);
        values.put("kafka.application.id.prefix", "e2e-" + id + "-");
        values.put("kafka.partitions", "2");
        values.put("kafka.state.dir", stateDir.toString());
        values.put("topic.prefix", "e2e-" + id + ".");
        values.put("schema.registry.url", "mock://e2e-" + id);
        values.put("sandbox.url", sandboxUrl);
        values.put("sandbox.api.key", apiKey);
        // the tests' files lie next to the state directory
        values.put("submitter.allowed.roots", stateDir.getParent().toString());
        values.put("poller.scan.deadline", "60s");
        values.put("submitter.retry.backoff", "300ms");
        // scans take a second or two here: a lost upload that was accepted is listed within seconds, not minutes
        values.put("submitter.lost.upload.patience", "15s");
        // a stage that stopped with an error never left its group: let a replacement take over in seconds
        values.put("kafka.session.timeout.ms", "6000");
        values.put("kafka.heartbeat.interval.ms", "1500");
        this.config = ConfigValues.of(values);
        this.topics = new PipelineTopics(TopicNames.from(config), Map.of("schema.registry.url", "mock://e2e-" + id));
    }

    PipelineTopics topics() {
        return topics;
    }

    /** The registry the stages use ({@code mock://}: readable from this JVM only). */
    String schemaRegistryUrl() {
        return config.get("schema.registry.url", "");
    }

    String topicPrefix() {
        return config.get("topic.prefix", "");
    }

    void start(Stage... stages) {
        for (Stage stage : stages) {
            running.put(stage, stage.start(config));
        }
    }

    /** Starts a stage with some settings changed (e.g. another API key). */
    void start(Stage stage, Map<String, String> overrides) {
        ConfigValues changed = config;
        for (Map.Entry<String, String> entry : overrides.entrySet()) {
            changed = changed.with(entry.getKey(), entry.getValue());
        }
        running.put(stage, stage.start(changed));
    }

    /** One more instance of an already running stage (same application id: the partitions are shared out). */
    void startAnotherInstance(Stage stage, Path stateDir) {
        extraInstances.add(stage.start(config.with("kafka.state.dir", stateDir.toString())));
    }

    void stop(Stage stage) {
        StageRunner runner = running.remove(stage);
        if (runner != null) {
            runner.close(Duration.ofSeconds(20));
        }
    }

    StageRunner runner(Stage stage) {
        return running.get(stage);
    }

    void publish(Map<String, Path> files) {
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
            String topic = topics.fileArrivals().name();
            files.forEach((eventId, path) -> producer.send(new ProducerRecord<>(topic, eventId,
                    topics.fileArrivalSerde().serializer().serialize(topic, arrival(eventId, path)))));
            producer.flush();
        }
    }

    /** File-arrival events naming these URIs as they are (no path resolution: hostile producers write anything). */
    void publishUris(Map<String, String> uris) {
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
            String topic = topics.fileArrivals().name();
            uris.forEach((eventId, uri) -> {
                FileArrival arrival = FileArrival.newBuilder(arrival(eventId, Path.of("x"))).setUri(uri).setName(null).build();
                producer.send(new ProducerRecord<>(topic, eventId, topics.fileArrivalSerde().serializer().serialize(topic, arrival)));
            });
            producer.flush();
        }
    }

    void publishRaw(String key, byte[] value) {
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.fileArrivals().name(), key, value));
            producer.flush();
        }
    }

    private static FileArrival arrival(String eventId, Path path) {
        return FileArrival.newBuilder().setEventId(eventId).setUri(path.toUri().toString()).setSha256(null).setSize(null)
                .setName(path.getFileName().toString()).setContentType(null).setSourceSystem("e2e").setLane(Lane.LIVE)
                .setArrivalTime(Instant.now()).setAttributes(Map.of()).build();
    }

    /** Every verdict and dead letter for the given event ids, read until all arrived or the timeout passed. */
    Terminals awaitTerminals(Set<String> eventIds, Duration timeout) {
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Terminals terminals = new Terminals();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.verdicts().name(), topics.deadLetters().name())) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && !terminals.ids().containsAll(eventIds)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    terminals.add(topics, record);
                }
            }
            // a little longer, so a duplicate that follows right behind would be seen
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                terminals.add(topics, record);
            }
        }
        return terminals;
    }

    /** The terminal records seen, by event id, in arrival order. */
    static final class Terminals {
        final Map<String, List<EnrichedVerdict>> verdicts = new HashMap<>();
        final Map<String, List<DeadLetter>> deadLetters = new HashMap<>();

        void add(PipelineTopics topics, ConsumerRecord<byte[], byte[]> record) {
            if (record.topic().equals(topics.verdicts().name())) {
                EnrichedVerdict v = topics.verdicts().valueSerde().deserializer().deserialize(record.topic(), record.value());
                verdicts.computeIfAbsent(v.getEventId(), k -> new ArrayList<>()).add(v);
            } else {
                DeadLetter d = topics.deadLetters().valueSerde().deserializer().deserialize(record.topic(), record.value());
                deadLetters.computeIfAbsent(String.valueOf(d.getEventId()), k -> new ArrayList<>()).add(d);
            }
        }

        Set<String> ids() {
            Set<String> ids = new HashSet<>(verdicts.keySet());
            ids.addAll(deadLetters.keySet());
            return ids;
        }

        EnrichedVerdict verdict(String eventId) {
            return verdicts.get(eventId).get(0);
        }

        /** Terminal records per event: must be exactly one each. */
        int count(String eventId) {
            return verdicts.getOrDefault(eventId, List.of()).size() + deadLetters.getOrDefault(eventId, List.of()).size();
        }
    }

    @Override
    public void close() {
        extraInstances.forEach(runner -> runner.close(Duration.ofSeconds(20)));
        new ArrayList<>(running.keySet()).forEach(this::stop);
    }
}
