package io.sandboxpipeline.serde;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Stands in for a third-party serde (e.g. Confluent's) named by sandbox.avro.serde.class; remembers its configuration. */
class RecordingSerde implements Serde<Object> {

    Map<String, ?> configs;
    Boolean isKey;

    /** Public, as the serde swap instantiates it with the public no-arg constructor. */
    public RecordingSerde() {
        // nothing to set up
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.configs = configs;
        this.isKey = isKey;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Serializer<Object> serializer() {
        return (Serializer<Object>) (Serializer<?>) Serdes.String().serializer();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Deserializer<Object> deserializer() {
        return (Deserializer<Object>) (Deserializer<?>) Serdes.String().deserializer();
    }
}
