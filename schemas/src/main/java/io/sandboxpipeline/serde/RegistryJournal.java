package io.sandboxpipeline.serde;

import java.util.List;

/**
 * Where a {@link MockSchemaRegistry} writes each change before it applies it, so a registry can be rebuilt from the
 * journal after a restart with the same ids and versions (see {@link KafkaSchemaLog}, Confluent's {@code _schemas}
 * topic). A write that fails fails the request; nothing changes then.
 */
public interface RegistryJournal {

    /** A version was registered, or soft-deleted ({@code deleted}). */
    void schema(String subject, int version, int id, String text, List<SchemaReference> references, boolean deleted);

    /** A version was permanently deleted. */
    void schemaRemoved(String subject, int version);

    /** A compatibility level was set; {@code subject} null is the global level, {@code level} null clears it. */
    void compatibility(String subject, Compatibility level);

    /** A mode was set; {@code subject} null is the global mode. */
    void mode(String subject, String mode);

    /** Writes nothing: a registry that lives only in memory. */
    RegistryJournal NONE = new RegistryJournal() {
        @Override
        public void schema(String subject, int version, int id, String text, List<SchemaReference> references,
                           boolean deleted) {
        }

        @Override
        public void schemaRemoved(String subject, int version) {
        }

        @Override
        public void compatibility(String subject, Compatibility level) {
        }

        @Override
        public void mode(String subject, String mode) {
        }
    };
}
