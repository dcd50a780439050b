package io.sandboxpipeline.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes specific records in Confluent wire format, registering (or looking up) their schema per subject. */
final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private volatile SerdeSettings settings;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeConfig config = SerdeConfig.from(configs);
        use(new SerdeSettings(config.registry(), isKey, config.autoRegister()));
    }

    void use(SerdeSettings settings) {
        this.settings = settings;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        SerdeSettings current = SerdeSettings.require(settings, "serializer");
        Schema schema = record.getSchema();
        int id = schemaId(current, current.subject(topic), schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        WireFormat.writeHeader(out, id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writers.computeIfAbsent(schema, s -> newWriter(s, record)).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not serialize " + schema.getFullName() + " for topic " + topic + ": "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static int schemaId(SerdeSettings settings, String subject, Schema schema) {
        if (settings.autoRegister()) {
            return settings.registry().register(subject, schema);
        }
        try {
            return settings.registry().idOf(subject, schema);
        } catch (SerializationException e) {
            throw new SerializationException(e.getMessage() + " (auto.register.schemas is false: register "
                    + schema.getFullName() + " under subject '" + subject + "' first)", e);
        }
    }

    private DatumWriter<T> newWriter(Schema schema, T record) {
        // The generated class's own model knows its logical-type conversions (timestamp-millis <-> Instant).
        return new SpecificDatumWriter<>(schema, SpecificData.getForClass(record.getClass()));
    }
}
