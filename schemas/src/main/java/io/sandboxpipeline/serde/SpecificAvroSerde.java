package io.sandboxpipeline.serde;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serde} for Avro specific records in Confluent's wire format (magic byte 0, 4-byte big-endian schema
 * id, Avro binary), wire-compatible with Confluent's {@code SpecificAvroSerde}.
 *
 * <p>Configuration (Confluent's names): {@code schema.registry.url} (required; {@code mock://<scope>} or
 * {@code http(s)://host:port[,...]}), {@code basic.auth.user.info} ({@code user:password}) and
 * {@code auto.register.schemas} (default true). Subjects follow TopicNameStrategy: {@code <topic>-value}, or
 * {@code <topic>-key} when configured with {@code isKey=true}.
 *
 * <p>null serializes to null and back (tombstones). Every failure is an
 * {@link org.apache.kafka.common.errors.SerializationException} that says what is wrong with the bytes or the
 * registry. Thread-safe once configured.
 *
 * <p>The record class (given, or named by the writer schema) is declared to Avro's class allow-list, see
 * {@link AvroClassTrust}.
 */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    public static final String SCHEMA_REGISTRY_URL_CONFIG = SerdeConfig.SCHEMA_REGISTRY_URL;
    public static final String BASIC_AUTH_USER_INFO_CONFIG = SerdeConfig.BASIC_AUTH_USER_INFO;
    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = SerdeConfig.AUTO_REGISTER_SCHEMAS;

    private final SpecificAvroSerializer<T> serializer = new SpecificAvroSerializer<>();
    private final SpecificAvroDeserializer<T> deserializer;

    /** Reads into the generated class the writer schema names (as Confluent's serde with specific.avro.reader). */
    public SpecificAvroSerde() {
        this.deserializer = new SpecificAvroDeserializer<>(null);
    }

    /** Reads every record into {@code type}, resolving older or newer writer schemas against it. */
    public SpecificAvroSerde(Class<T> type) {
        this.deserializer = new SpecificAvroDeserializer<>(Objects.requireNonNull(type, "type must not be null"));
    }

    /**
     * Connects serializer and deserializer to the registry named by {@code schema.registry.url}; both share it
     * (and its caches).
     *
     * @throws org.apache.kafka.common.config.ConfigException if {@code schema.registry.url} is missing or invalid
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeConfig config = SerdeConfig.from(configs);
        SerdeSettings settings = new SerdeSettings(config.registry(), isKey, config.autoRegister());
        serializer.use(settings);
        deserializer.use(settings);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
