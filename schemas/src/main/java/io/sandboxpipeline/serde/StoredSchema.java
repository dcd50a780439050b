package io.sandboxpipeline.serde;

import java.util.List;
import org.apache.avro.Schema;

/** A schema under its global id: the text as registered, its references, and what they resolve to. */
record StoredSchema(int id, String text, List<SchemaReference> references, Schema schema) {

    StoredSchema {
        references = List.copyOf(references);
    }

    /** Identity of a schema across subjects: Confluent gives equal text with equal references one id. */
    String identity() {
        return identity(text, references);
    }

    static String identity(String text, List<SchemaReference> references) {
        return references.isEmpty() ? text : text + '\u0000' + references;
    }
}
