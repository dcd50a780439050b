package io.sandboxpipeline.serde;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * Cache key for "this schema under this subject". Uses Avro's {@link Schema#equals}, whose hash is cached in the
 * schema, so a lookup for a generated class's schema costs one hash-map probe. Avro's equality ignores docs, so
 * two schemas that differ only in docs share one cache entry (the registry itself tells them apart).
 */
record SubjectSchema(String subject, Schema schema) {

    SubjectSchema {
        Objects.requireNonNull(subject, "subject must not be null");
        Objects.requireNonNull(schema, "schema must not be null");
    }
}
