package io.sandboxpipeline.core.topic;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A Kafka topic together with the serdes of its keys and values, so a topic name never travels without them.
 *
 * @param name      the full topic name (prefix included)
 * @param keySerde  serde of the record keys
 * @param valueSerde serde of the record values
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
    }

    /** How a DSL source reads this topic, as the processor named {@code processorName} (names stay stable across releases). */
    public Consumed<K, V> consumed(String processorName) {
        return Consumed.with(keySerde, valueSerde).withName(processorName);
    }

    /** Adds this topic to a Processor-API topology as the source {@code sourceName}, read with its serdes. */
    public Topology addSource(Topology topology, String sourceName) {
        return topology.addSource(sourceName, keySerde.deserializer(), valueSerde.deserializer(), name);
    }

    /** Adds the sink {@code sinkName} that writes this topic with its serdes what {@code parents} forward to it. */
    public Topology addSink(Topology topology, String sinkName, String... parents) {
        return topology.addSink(sinkName, name, keySerde.serializer(), valueSerde.serializer(), parents);
    }

    /** How a DSL sink writes this topic, as the processor named {@code processorName}. */
    public Produced<K, V> produced(String processorName) {
        return Produced.with(keySerde, valueSerde).withName(processorName);
    }

    @Override
    public String toString() {
        return name;
    }
}
