package io.sandboxpipeline.serde;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire format into specific records. The writer schema is fetched by id and resolved against the
 * reader class's schema, so records written with an older (or newer) compatible schema still read.
 */
final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    /** Reader class; null means "the generated class named by the writer schema". */
    private final Class<T> type;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private volatile SerdeSettings settings;

    SpecificAvroDeserializer(Class<T> type) {
        this.type = type;
        if (type != null) {
            AvroClassTrust.declare(type);
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeConfig config = SerdeConfig.from(configs);
        use(new SerdeSettings(config.registry(), isKey, config.autoRegister()));
    }

    void use(SerdeSettings settings) {
        this.settings = settings;
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        SerdeSettings current = SerdeSettings.require(settings, "deserializer");
        int id = WireFormat.schemaId(bytes, topic);
        DatumReader<T> reader = readers.computeIfAbsent(id, i -> newReader(current.registry(), i));
        int payload = bytes.length - WireFormat.HEADER_LENGTH;
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER_LENGTH, payload, null);
            return reader.read(null, decoder);
        } catch (EOFException e) {
            throw new SerializationException("Truncated Avro data on topic " + topic + ": the " + payload
                    + " bytes after the header end before a complete record of schema id " + id, e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not decode Avro data on topic " + topic + " for schema id " + id + ": " + e, e);
        }
    }

    private DatumReader<T> newReader(SchemaRegistry registry, int id) {
        Schema writer = registry.schemaById(id);
        Class<T> readerClass = type != null ? type : classNamedBy(writer, id);
        SpecificData model = SpecificData.getForClass(readerClass);
        Schema reader = model.getSchema(readerClass);
        SchemaCompatibilityResult compatibility = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (compatibility.getCompatibility() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("Schema id " + id + " (" + writer.getFullName() + ") cannot be read as "
                    + readerClass.getName() + ": " + compatibility.getIncompatibilities().stream()
                    .map(problem -> problem.getMessage() + " at " + problem.getLocation())
                    .collect(Collectors.joining("; ")));
        }
        return new SpecificDatumReader<>(writer, reader, model);
    }

    /**
     * The generated class named by a writer schema. The name comes from the registry, so the class is loaded
     * without running its static initializer, and accepted (and declared to Avro) only if it is a generated
     * specific record.
     */
    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> Class<T> classNamedBy(Schema writer, int id) {
        Class<?> generated = null;
        if (writer.getType() == Schema.Type.RECORD) {
            try {
                generated = Class.forName(SpecificData.getClassName(writer), false, classLoader());
            } catch (ClassNotFoundException e) {
                // reported below, with what to do about it
            }
        }
        if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
            throw new SerializationException("No generated Avro record class " + writer.getFullName()
                    + " on the classpath to read schema id " + id + " into: construct the serde with the record class instead");
        }
        Class<T> recordClass = (Class<T>) generated;
        AvroClassTrust.declare(recordClass);
        return recordClass;
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : SpecificAvroDeserializer.class.getClassLoader();
    }
}
