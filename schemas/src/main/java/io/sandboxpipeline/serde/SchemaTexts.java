package io.sandboxpipeline.serde;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * Parses a schema text as the registry stores it: the types its references name are loaded first (their own
 * references before them), then the text itself; the stored text is the compact form in which referenced types stay
 * references (as Confluent's canonical string), so equal schemas get equal ids however they were spaced.
 */
final class SchemaTexts {

    private static final int MAX_REFERENCE_DEPTH = 32;

    private SchemaTexts() {
    }

    /**
     * @param resolve the stored schema a reference names
     * @throws RegistryException 422 / 42201 when the text is no valid Avro schema or a reference does not resolve
     */
    static StoredSchema parse(String text, List<SchemaReference> references,
                              Function<SchemaReference, StoredSchema> resolve) {
        if (text == null || text.isBlank()) {
            throw invalid("Empty schema");
        }
        Schema.Parser parser = new Schema.Parser();
        List<Schema> referenced = new ArrayList<>();
        Set<String> loaded = new HashSet<>();
        try {
            for (SchemaReference reference : references) {
                load(parser, reference, resolve, loaded, referenced, 0);
            }
            Schema schema = parser.parse(text);
            String stored = references.isEmpty() ? schema.toString() : schema.toString(referenced, false);
            return new StoredSchema(0, stored, references, schema);
        } catch (AvroRuntimeException | IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static void load(Schema.Parser parser, SchemaReference reference,
                             Function<SchemaReference, StoredSchema> resolve, Set<String> loaded, List<Schema> referenced,
                             int depth) {
        if (depth > MAX_REFERENCE_DEPTH) {
            throw invalid("references nest deeper than " + MAX_REFERENCE_DEPTH + " levels");
        }
        if (!loaded.add(reference.subject() + '/' + reference.version())) {
            return;
        }
        StoredSchema target = resolve.apply(reference);
        for (SchemaReference inner : target.references()) {
            load(parser, inner, resolve, loaded, referenced, depth + 1);
        }
        referenced.add(parser.parse(target.text()));
    }

    private static RegistryException invalid(String why) {
        return new RegistryException(422, RegistryProtocol.INVALID_SCHEMA, "Invalid schema: " + why);
    }
}
