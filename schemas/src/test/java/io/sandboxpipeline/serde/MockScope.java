package io.sandboxpipeline.serde;

import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/** A fresh {@code mock://} scope per test, dropped afterwards so tests never see each other's schemas. */
final class MockScope implements AutoCloseable {

    final String scope = "test-" + UUID.randomUUID();
    final String url = "mock://" + scope;

    MockSchemaRegistry registry() {
        return SchemaRegistries.mockScope(scope);
    }

    Map<String, Object> config() {
        return Map.of(SpecificAvroSerde.SCHEMA_REGISTRY_URL_CONFIG, url);
    }

    <T extends SpecificRecord> SpecificAvroSerde<T> valueSerde(Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(config(), false);
        return serde;
    }

    @Override
    public void close() {
        SchemaRegistries.dropScope(scope);
    }
}
