package io.sandboxpipeline.serde;

import java.util.Objects;

/** What a configured serializer or deserializer works with. */
record SerdeSettings(SchemaRegistry registry, boolean isKey, boolean autoRegister) {

    SerdeSettings {
        Objects.requireNonNull(registry, "registry must not be null");
    }

    /** Confluent's TopicNameStrategy: {@code <topic>-key} or {@code <topic>-value}. */
    String subject(String topic) {
        return topic + (isKey ? "-key" : "-value");
    }

    static SerdeSettings require(SerdeSettings settings, String role) {
        if (settings == null) {
            throw new IllegalStateException("Avro " + role + " used before configure(): call configure(configs, isKey) with "
                    + SerdeConfig.SCHEMA_REGISTRY_URL + " first");
        }
        return settings;
    }
}
