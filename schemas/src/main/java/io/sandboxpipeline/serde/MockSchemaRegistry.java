package io.sandboxpipeline.serde;

import io.sandboxpipeline.serde.SubjectHistory.Entry;
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
 * In-memory Schema Registry with Confluent's semantics: ids are global and start at 1, the same schema text (with the
 * same references) always gets the same id, each subject keeps versions starting at 1; a new version must be
 * compatible with the earlier ones at the subject's compatibility level (global default {@link Compatibility#BACKWARD},
 * as Confluent's), or registration fails with 409; versions and subjects are soft-deleted first and permanently only
 * after; schemas may reference types registered under other subjects; a registry or subject in {@code READONLY} mode
 * refuses registrations.
 *
 * <p>Thread-safe; lookups of known schemas take no lock. Refusals are {@link RegistryException}s that carry
 * Confluent's HTTP status and error code. Obtain a shared instance per scope with {@link SchemaRegistries#forUrl} and
 * {@code mock://<scope>}, or create a private one with the constructor.
 */
public final class MockSchemaRegistry implements SchemaRegistry {

    private final Map<Integer, StoredSchema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    /** Guarded by {@code this}: schema identity (text and references) to id. */
    private final Map<String, Integer> idsByIdentity = new HashMap<>();
    /** Guarded by {@code this}, in registration order. */
    private final Map<String, SubjectHistory> subjects = new LinkedHashMap<>();
    private final SubjectSettings settings = new SubjectSettings(this);
    private int lastId;
    private RegistryJournal journal = RegistryJournal.NONE;

    @Override
    public int register(String subject, Schema schema) {
        Integer known = idsBySubjectSchema.get(new SubjectSchema(subject, schema));
        if (known != null) {
            return known;
        }
        int id = register(subject, schema.toString(), List.of()).id();
        idsBySubjectSchema.put(new SubjectSchema(subject, schema), id);
        return id;
    }

    /**
     * Registers {@code text} (with {@code references}) under {@code subject}; idempotent while the subject holds it.
     *
     * @throws RegistryException 422 / 42201 if the text is no valid Avro schema or a reference does not resolve,
     *                           409 if it is incompatible with earlier versions, 422 / 42205 in read-only mode
     */
    public synchronized RegisteredSchema register(String subject, String text, List<SchemaReference> references) {
        requireSubjectName(subject);
        StoredSchema candidate = SchemaTexts.parse(text, references, this::referenced);
        SubjectHistory history = subjects.get(subject);
        Integer id = idsByIdentity.get(candidate.identity());
        if (id != null && history != null && history.live(id).isPresent()) {
            return registered(subject, history.live(id).orElseThrow());
        }
        if (SubjectSettings.READONLY.equals(mode(subject))) {
            throw new RegistryException(422, RegistryProtocol.OPERATION_NOT_PERMITTED,
                    "Subject " + subject + " is in read-only mode");
        }
        List<String> problems = compatibility(subject).problems(candidate.schema(), liveSchemas(subject));
        if (!problems.isEmpty()) {
            throw new RegistryException(409, RegistryProtocol.INCOMPATIBLE_SCHEMA, "Schema being registered is "
                    + "incompatible with an earlier schema for subject \"" + subject + "\", details: " + problems);
        }
        int newId = id == null ? lastId + 1 : id;
        int version = history == null ? 1 : history.nextVersion();
        journal.schema(subject, version, newId, candidate.text(), candidate.references(), false);
        if (id == null) {
            lastId = newId;
            idsByIdentity.put(candidate.identity(), newId);
            schemasById.put(newId, new StoredSchema(newId, candidate.text(), candidate.references(), candidate.schema()));
        }
        return registered(subject, subjects.computeIfAbsent(subject, s -> new SubjectHistory()).add(newId));
    }

    /**
     * Writes every change to {@code journal} before applying it (set once, after {@link #restore restoring} what the
     * journal held).
     */
    public synchronized void journal(RegistryJournal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
        settings.journal(journal);
    }

    /** Takes a schema back under its id, as a journal recorded it (ids only grow). */
    void adopt(StoredSchema stored) {
        schemasById.put(stored.id(), stored);
        idsByIdentity.put(stored.identity(), stored.id());
        lastId = Math.max(lastId, stored.id());
    }

    /** The versions of a subject, created empty if unknown. Only under this registry's lock. */
    SubjectHistory historyOrNew(String subject) {
        return subjects.computeIfAbsent(subject, s -> new SubjectHistory());
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
        return new SerializationException(subjects.containsKey(subject)
                ? "Schema " + schema.getFullName() + " is not registered under subject '" + subject + "'"
                : "Subject '" + subject + "' not found");
    }

    @Override
    public Schema schemaById(int id) {
        return findById(id).orElseThrow(() -> new SerializationException("Unknown schema id " + id));
    }

    /** The schema with this id, if any. */
    public Optional<Schema> findById(int id) {
        return storedById(id).map(StoredSchema::schema);
    }

    Optional<StoredSchema> storedById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** All subjects with a live version (or any version, with {@code includeDeleted}), in registration order. */
    public synchronized List<String> subjects(boolean includeDeleted) {
        return subjects.entrySet().stream().filter(e -> includeDeleted || e.getValue().hasLive())
                .map(Map.Entry::getKey).toList();
    }

    public List<String> subjects() {
        return subjects(false);
    }

    /** The live version numbers of {@code subject}; empty if it has none. */
    public List<Integer> versions(String subject) {
        return versions(subject, false);
    }

    public synchronized List<Integer> versions(String subject, boolean includeDeleted) {
        SubjectHistory history = subjects.get(subject);
        return history == null ? List.of() : history.entries(includeDeleted).stream().map(Entry::version).toList();
    }

    /** One live version of a subject, if both exist. */
    public synchronized Optional<RegisteredSchema> version(String subject, int version) {
        return Optional.ofNullable(subjects.get(subject)).flatMap(h -> h.version(version, false))
                .map(e -> registered(subject, e));
    }

    /** The newest live version of a subject, if any. */
    public synchronized Optional<RegisteredSchema> latest(String subject) {
        return Optional.ofNullable(subjects.get(subject)).flatMap(h -> h.latest(false)).map(e -> registered(subject, e));
    }

    /**
     * A version given as Confluent's path does ({@code 1}, {@code latest}, {@code -1}).
     *
     * @throws RegistryException 404 / 40401 or 40402 if the subject or version does not exist, 422 / 42202 if the
     *                           version is no version
     */
    public synchronized RegisteredSchema version(String subject, String version, boolean includeDeleted) {
        SubjectHistory history = subjects.get(subject);
        if (history == null || (!includeDeleted && !history.hasLive())) {
            throw RegistryProtocol.subjectNotFound(subject);
        }
        Optional<Entry> entry = RegistryProtocol.isLatest(version) ? history.latest(includeDeleted)
                : history.version(RegistryProtocol.parseVersion(version), includeDeleted);
        return entry.map(e -> registered(subject, e)).orElseThrow(() -> new RegistryException(404,
                RegistryProtocol.VERSION_NOT_FOUND, "Version " + version + " not found."));
    }

    /** The live version under which {@code subject} holds exactly this schema, if any. */
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        return lookup(subject, schema.toString(), List.of(), false);
    }

    public synchronized Optional<RegisteredSchema> lookup(String subject, String text, List<SchemaReference> references,
                                                          boolean includeDeleted) {
        StoredSchema candidate = SchemaTexts.parse(text, references, this::referenced);
        Integer id = idsByIdentity.get(candidate.identity());
        SubjectHistory history = subjects.get(subject);
        if (id == null || history == null) {
            return Optional.empty();
        }
        return history.entries(includeDeleted).stream().filter(e -> e.id() == id).reduce((a, b) -> b)
                .map(e -> registered(subject, e));
    }

    /** Where the schema with this id is registered: every live (subject, version). */
    public synchronized List<RegisteredSchema> usages(int id) {
        List<RegisteredSchema> usages = new ArrayList<>();
        subjects.forEach((subject, history) -> history.entries(false).stream().filter(e -> e.id() == id)
                .forEach(e -> usages.add(registered(subject, e))));
        return usages;
    }

    /** The ids of schemas whose references name this version of the subject. */
    public synchronized List<Integer> referencedBy(String subject, int version) {
        return schemasById.values().stream()
                .filter(s -> s.references().stream().anyMatch(r -> r.subject().equals(subject) && r.version() == version))
                .map(StoredSchema::id).sorted().toList();
    }

    /**
     * Deletes every version of a subject: softly, or permanently after a soft deletion. Returns the version numbers.
     *
     * @throws RegistryException 404 with Confluent's codes when the subject is unknown, already soft-deleted (soft) or
     *                           not soft-deleted first (permanent); 422 / 42206 while another schema references it
     */
    public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        return new SubjectDeletions(this, journal).deleteSubject(subject, permanent);
    }

    /** Deletes one version ({@code latest} allowed), softly or permanently after a soft deletion; returns its number. */
    public synchronized int deleteVersion(String subject, String version, boolean permanent) {
        return new SubjectDeletions(this, journal).deleteVersion(subject, version, permanent);
    }

    /** The versions of a subject, deleted ones included; null if unknown. Only under this registry's lock. */
    SubjectHistory history(String subject) {
        return subjects.get(subject);
    }

    /** Forgets a subject that has no version left (and its settings, when it was permanently deleted). */
    void dropSubject(String subject, boolean withSettings) {
        subjects.remove(subject);
        if (withSettings) {
            settings.forget(subject);
        }
    }

    /** After any deletion: the serde's fast path must ask again. */
    void forgetCachedIds() {
        idsBySubjectSchema.clear();
    }

    /** Compatibility levels and modes, global and per subject (guarded by this registry). */
    public synchronized SubjectSettings settings() {
        return settings;
    }

    /** The level new versions of {@code subject} are checked at: its own, else the global one. */
    public synchronized Compatibility compatibility(String subject) {
        return settings.compatibility(subject);
    }

    private String mode(String subject) {
        return settings.mode(subject);
    }

    StoredSchema referenced(SchemaReference reference) {
        try {
            RegisteredSchema target = version(reference.subject(), Integer.toString(reference.version()), false);
            return schemasById.get(target.id());
        } catch (RegistryException e) {
            throw new RegistryException(422, RegistryProtocol.INVALID_SCHEMA, "Invalid schema: reference "
                    + reference + " does not resolve: " + e.getMessage());
        }
    }

    private List<Schema> liveSchemas(String subject) {
        SubjectHistory history = subjects.get(subject);
        return history == null ? List.of()
                : history.entries(false).stream().map(e -> schemasById.get(e.id()).schema()).toList();
    }

    private RegisteredSchema registered(String subject, Entry entry) {
        StoredSchema stored = schemasById.get(entry.id());
        return new RegisteredSchema(subject, entry.version(), entry.id(), stored.text(), stored.references(),
                stored.schema());
    }

    private static void requireSubjectName(String subject) {
        Objects.requireNonNull(subject, "subject must not be null");
        if (subject.isBlank()) {
            throw new RegistryException(422, RegistryProtocol.INVALID_SCHEMA, "subject must not be blank");
        }
    }

    @Override
    public synchronized String toString() {
        return "MockSchemaRegistry[subjects=" + subjects.size() + ", schemas=" + schemasById.size() + "]";
    }
}
