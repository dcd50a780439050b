package io.sandboxpipeline.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The part of a Confluent-compatible Schema Registry the serde needs.
 *
 * <p>Schema ids are global: the same schema text gets the same id under every subject. Implementations cache
 * both directions (id to schema, subject and schema to id), so once a schema has been seen the serde's hot path
 * does no I/O. Implementations are thread-safe. Failures are reported as {@link SerializationException} with a
 * message that names the subject or id and never contains credentials.
 */
public interface SchemaRegistry {

    /**
     * Registers {@code schema} under {@code subject} and returns its id. Idempotent: registering the same
     * schema under the same subject again returns the same id and creates no new version.
     */
    int register(String subject, Schema schema);

    /**
     * Returns the id {@code schema} was registered with under {@code subject}, without registering it
     * (the serde's path when {@code auto.register.schemas=false}).
     *
     * @throws SerializationException if the subject or the schema under it is not registered
     */
    int idOf(String subject, Schema schema);

    /**
     * Returns the schema with this id.
     *
     * @throws SerializationException with the message {@code "Unknown schema id <id>..."} if there is none
     */
    Schema schemaById(int id);
}
