package io.sandboxpipeline.serde;

import java.util.List;

/**
 * Rebuilds a {@link MockSchemaRegistry} from its journal ({@link KafkaSchemaLog}): the same ids, version numbers and
 * deletions, without the rules a new registration is held to (they held when it was first written). Used under the
 * registry's lock, before its journal is set.
 */
final class RegistryRestore {

    private final MockSchemaRegistry registry;

    RegistryRestore(MockSchemaRegistry registry) {
        this.registry = registry;
    }

    /**
     * Puts back one version as the journal recorded it: same id, same version number, deleted or not. Versions come
     * in the order they were written, so the schemas a reference names are back before the schema that names them.
     */
    void restore(String subject, int version, int id, String text, List<SchemaReference> references,
                                     boolean deleted) {
        synchronized (registry) {
            restoreLocked(subject, version, id, text, references, deleted);
        }
    }

    private void restoreLocked(String subject, int version, int id, String text, List<SchemaReference> references,
                               boolean deleted) {
        if (registry.storedById(id).isEmpty()) {
            StoredSchema parsed = SchemaTexts.parse(text, references, registry::referenced);
            registry.adopt(new StoredSchema(id, parsed.text(), parsed.references(), parsed.schema()));
        }
        registry.historyOrNew(subject).restore(version, id, deleted);
        registry.forgetCachedIds();
    }

    /** Removes a version as a journal recorded its permanent deletion. */
    void restoreRemoved(String subject, int version) {
        synchronized (registry) {
            removeLocked(subject, version);
        }
    }

    private void removeLocked(String subject, int version) {
        SubjectHistory history = registry.history(subject);
        if (history != null) {
            history.remove(version);
            if (history.isEmpty()) {
                registry.dropSubject(subject, false);
            }
        }
        registry.forgetCachedIds();
    }
}
