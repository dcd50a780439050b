package io.sandboxpipeline.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * In-memory Schema Registry with Confluent's semantics: ids are global and start at 1, the same schema text
 * always gets the same id, each subject keeps a list of versions starting at 1.
 *
 * <p>Compatibility is not enforced (as in Confluent's mock client): any schema can be registered under any
 * subject. Thread-safe; lookups of known schemas take no lock.
 *
 * <p>Obtain a shared instance per scope with {@link SchemaRegistries#forUrl(String)} and {@code mock://<scope>},
 * or create a private one with the constructor.
 */
public final class MockSchemaRegistry implements SchemaRegistry {

    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    /** Guarded by {@code this}. Schema text (docs included, as Confluent compares it) to id. */
    private final Map<String, Integer> idsByText = new HashMap<>();
    /** Guarded by {@code this}. Subject to the ids of its versions; version n is at index n - 1. */
    private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();

    @Override
    public int register(String subject, Schema schema) {
        Integer known = idsBySubjectSchema.get(new SubjectSchema(subject, schema));
        return known != null ? known : registerSlowly(subject, schema);
    }

    private synchronized int registerSlowly(String subject, Schema schema) {
        requireSubject(subject);
        String text = schema.toString();
        Integer id = idsByText.get(text);
        if (id == null) {
            id = idsByText.size() + 1;
            idsByText.put(text, id);
            schemasById.put(id, schema);
        }
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        idsBySubjectSchema.put(new SubjectSchema(subject, schema), id);
        return id;
    }

    @Override
    public int idOf(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer known = idsBySubjectSchema.get(key);
        if (known != null) {
            return known;
        }
        int id = lookup(subject, schema).map(RegisteredSchema::id).orElseThrow(() -> notRegistered(subject, schema));
        idsBySubjectSchema.put(key, id);
        return id;
    }

    private synchronized SerializationException notRegistered(String subject, Schema schema) {
        return new SerializationException(versionsBySubject.containsKey(subject)
                ? "Schema " + schema.getFullName() + " is not registered under subject '" + subject + "'"
                : "Subject '" + subject + "' not found");
    }

    @Override
    public Schema schemaById(int id) {
        return findById(id).orElseThrow(() -> new SerializationException("Unknown schema id " + id));
    }

    /** The schema with this id, if any. */
    public Optional<Schema> findById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** All subjects, in registration order. */
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    /** The version numbers of {@code subject} (1, 2, ...); empty if the subject is unknown. */
    public synchronized List<Integer> versions(String subject) {
        int count = versionsBySubject.getOrDefault(subject, List.of()).size();
        List<Integer> versions = new ArrayList<>(count);
        for (int v = 1; v <= count; v++) {
            versions.add(v);
        }
        return versions;
    }

    /** One version of a subject, if both exist. */
    public synchronized Optional<RegisteredSchema> version(String subject, int version) {
        List<Integer> ids = versionsBySubject.get(subject);
        if (ids == null || version < 1 || version > ids.size()) {
            return Optional.empty();
        }
        int id = ids.get(version - 1);
        return Optional.of(new RegisteredSchema(subject, version, id, schemasById.get(id)));
    }

    /** The newest version of a subject, if the subject exists. */
    public synchronized Optional<RegisteredSchema> latest(String subject) {
        return version(subject, versionsBySubject.getOrDefault(subject, List.of()).size());
    }

    /** The version under which {@code subject} holds exactly this schema text, if any. */
    public synchronized Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        Integer id = idsByText.get(schema.toString());
        List<Integer> ids = versionsBySubject.get(subject);
        if (id == null || ids == null || !ids.contains(id)) {
            return Optional.empty();
        }
        return version(subject, ids.indexOf(id) + 1);
    }

    private static void requireSubject(String subject) {
        Objects.requireNonNull(subject, "subject must not be null");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
    }

    @Override
    public synchronized String toString() {
        return "MockSchemaRegistry[subjects=" + versionsBySubject.size() + ", schemas=" + idsByText.size() + "]";
    }
}
