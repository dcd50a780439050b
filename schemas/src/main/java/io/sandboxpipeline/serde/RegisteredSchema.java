package io.sandboxpipeline.serde;

import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject, as the registry's {@code /subjects/{subject}/versions/{version}} returns it: the schema
 * text as registered, the references it was registered with and the schema they resolve to.
 */
public record RegisteredSchema(String subject, int version, int id, String text, List<SchemaReference> references,
                               Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject must not be null");
        Objects.requireNonNull(text, "text must not be null");
        Objects.requireNonNull(schema, "schema must not be null");
        references = List.copyOf(references);
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, was " + version);
        }
        if (id < 1) {
            throw new IllegalArgumentException("id must be 1 or more, was " + id);
        }
    }
}
