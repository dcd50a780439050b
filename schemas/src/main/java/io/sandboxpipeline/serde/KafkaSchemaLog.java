package io.sandboxpipeline.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry kept in a compacted Kafka topic the way Confluent's Schema Registry keeps it ({@code _schemas}, one
 * partition): JSON keys {@code {"keytype":"SCHEMA","subject":...,"version":...,"magic":1}} with the version's subject,
 * version, id, schema text, references and deleted flag as value; {@code CONFIG} and {@code MODE} keys for levels and
 * modes; a tombstone for what was permanently deleted. Opening reads the topic from its start and rebuilds the
 * registry, so ids and versions survive restarts; every later change is written, and acknowledged by the broker,
 * before the registry applies it.
 */
public final class KafkaSchemaLog implements RegistryJournal, AutoCloseable {

    public static final String DEFAULT_TOPIC = "_schemas";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaLog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final KafkaProducer<String, String> producer;
    private final String topic;

    private KafkaSchemaLog(KafkaProducer<String, String> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /**
     * Creates the topic if missing, rebuilds a registry from it and journals the registry's changes to it.
     *
     * @return the registry and the log, which the caller closes after the registry's server
     */
    public static Opened open(Admin admin, String bootstrapServers, String topic) {
        createIfMissing(admin, topic);
        MockSchemaRegistry registry = new MockSchemaRegistry();
        int records = replay(bootstrapServers, topic, registry);
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-log"), new StringSerializer(), new StringSerializer());
        KafkaSchemaLog log = new KafkaSchemaLog(producer, topic);
        registry.journal(log);
        LOG.info("Schema registry restored {} records from {}: {}", records, topic, registry);
        return new Opened(registry, log);
    }

    /** A registry rebuilt from its topic, and the log that now journals it. */
    public record Opened(MockSchemaRegistry registry, KafkaSchemaLog log) {
    }

    private static void createIfMissing(Admin admin, String topic) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the schema topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not create " + topic + " within " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static int replay(String bootstrapServers, String topic, MockSchemaRegistry registry) {
        ObjectMapper json = new ObjectMapper();
        TopicPartition partition = new TopicPartition(topic, 0);
        int count = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(partition, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end (" + end + ") within "
                            + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(json, registry, record.key(), record.value());
                    count++;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the schema topic " + topic + " holds a record that is not JSON: " + e.getMessage(), e);
        }
        return count;
    }

    private static void apply(ObjectMapper json, MockSchemaRegistry registry, String keyText, String valueText)
            throws IOException {
        JsonNode key = json.readTree(keyText);
        String subject = key.path("subject").isTextual() ? key.path("subject").asText() : null;
        Optional<JsonNode> value = Optional.ofNullable(valueText).map(text -> {
            try {
                return json.readTree(text);
            } catch (IOException e) {
                throw new IllegalStateException("schema topic value is not JSON: " + e.getMessage(), e);
            }
        });
        switch (key.path("keytype").asText()) {
            case "SCHEMA" -> {
                int version = key.path("version").asInt();
                if (value.isEmpty()) {
                    new RegistryRestore(registry).restoreRemoved(subject, version);
                } else {
                    JsonNode v = value.get();
                    List<SchemaReference> references = new ArrayList<>();
                    v.path("references").forEach(r -> references.add(new SchemaReference(r.path("name").asText(),
                            r.path("subject").asText(), r.path("version").asInt())));
                    new RegistryRestore(registry).restore(subject, version, v.path("id").asInt(), v.path("schema").asText(), references,
                            v.path("deleted").asBoolean(false));
                }
            }
            case "CONFIG" -> registry.settings().restoreCompatibility(subject,
                    value.map(v -> Compatibility.parse(v.path("compatibilityLevel").asText())).orElse(null));
            case "MODE" -> registry.settings().restoreMode(subject, value.map(v -> v.path("mode").asText()).orElse(null));
            default -> LOG.debug("ignoring schema topic record with key {}", keyText);
        }
    }

    @Override
    public void schema(String subject, int version, int id, String text, List<SchemaReference> references,
                       boolean deleted) {
        ObjectNode value = json.createObjectNode().put("subject", subject).put("version", version).put("id", id);
        if (!references.isEmpty()) {
            references.forEach(r -> value.withArray("references").addObject().put("name", r.name())
                    .put("subject", r.subject()).put("version", r.version()));
        }
        value.put("schema", text).put("deleted", deleted);
        write(schemaKey(subject, version), value.toString());
    }

    @Override
    public void schemaRemoved(String subject, int version) {
        write(schemaKey(subject, version), null);
    }

    @Override
    public void compatibility(String subject, Compatibility level) {
        write(settingKey("CONFIG", subject), level == null ? null
                : json.createObjectNode().put("compatibilityLevel", level.name()).toString());
    }

    @Override
    public void mode(String subject, String mode) {
        write(settingKey("MODE", subject), json.createObjectNode().put("mode", mode).toString());
    }

    private String schemaKey(String subject, int version) {
        return json.createObjectNode().put("keytype", "SCHEMA").put("subject", subject).put("version", version)
                .put("magic", 1).toString();
    }

    private String settingKey(String keytype, String subject) {
        ObjectNode key = json.createObjectNode().put("keytype", keytype);
        if (subject == null) {
            key.putNull("subject");
        } else {
            key.put("subject", subject);
        }
        return key.put("magic", 0).toString();
    }

    private void write(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, key, value)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new RegistryException(500, RegistryProtocol.INTERNAL_ERROR, "Error while writing to the schema topic "
                    + topic + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(500, RegistryProtocol.INTERNAL_ERROR, "Interrupted while writing to " + topic);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
