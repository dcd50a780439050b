package io.sandboxpipeline.serde;

import io.sandboxpipeline.serde.SubjectHistory.Entry;
import java.util.List;

/**
 * Deleting versions and subjects the way Confluent's registry does: softly first (hidden, kept, restorable by
 * registering again), permanently only after that, never while a live schema references them; each step journaled
 * before it is applied. Used by {@link MockSchemaRegistry} under its lock.
 */
final class SubjectDeletions {

    private final MockSchemaRegistry registry;
    private final RegistryJournal journal;

    SubjectDeletions(MockSchemaRegistry registry, RegistryJournal journal) {
        this.registry = registry;
        this.journal = journal;
    }

    /**
     * Deletes every version of a subject: softly, or permanently after a soft deletion. Returns the version numbers.
     *
     * @throws RegistryException 404 with Confluent's codes when the subject is unknown, already soft-deleted (soft) or
     *                           not soft-deleted first (permanent); 422 / 42206 while another schema references it
     */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        SubjectHistory history = registry.history(subject);
        if (history == null) {
            throw RegistryProtocol.subjectNotFound(subject);
        }
        if (permanent && history.hasLive()) {
            throw new RegistryException(404, RegistryProtocol.SUBJECT_NOT_SOFT_DELETED, "Subject '" + subject
                    + "' was not deleted first before being permanently deleted");
        }
        if (!permanent && !history.hasLive()) {
            throw new RegistryException(404, RegistryProtocol.SUBJECT_SOFT_DELETED, "Subject '" + subject
                    + "' was soft deleted.Set permanent=true to delete permanently");
        }
        List<Integer> versions = history.entries(permanent).stream().map(Entry::version).toList();
        versions.forEach(v -> requireUnreferenced(subject, v));
        for (int v : versions) {
            if (permanent) {
                journal.schemaRemoved(subject, v);
            } else {
                RegisteredSchema gone = registry.version(subject, Integer.toString(v), true);
                journal.schema(subject, v, gone.id(), gone.text(), gone.references(), true);
            }
        }
        if (permanent) {
            registry.dropSubject(subject, true);
        } else {
            versions.forEach(history::softDelete);
        }
        registry.forgetCachedIds();
        return versions;
    }

    /** Deletes one version ({@code latest} allowed), softly or permanently after a soft deletion; returns its number. */
    int deleteVersion(String subject, String version, boolean permanent) {
        RegisteredSchema target = registry.version(subject, version, permanent);
        SubjectHistory history = registry.history(subject);
        boolean deleted = history.version(target.version(), true).orElseThrow().deleted();
        if (permanent && !deleted) {
            throw new RegistryException(404, RegistryProtocol.VERSION_NOT_SOFT_DELETED, "Subject '" + subject
                    + "' Version " + target.version() + " was not deleted first before being permanently deleted");
        }
        requireUnreferenced(subject, target.version());
        if (permanent) {
            journal.schemaRemoved(subject, target.version());
        } else {
            journal.schema(subject, target.version(), target.id(), target.text(), target.references(), true);
        }
        if (permanent) {
            history.remove(target.version());
            if (history.isEmpty()) {
                registry.dropSubject(subject, false);
            }
        } else {
            history.softDelete(target.version());
        }
        registry.forgetCachedIds();
        return target.version();
    }

    private void requireUnreferenced(String subject, int version) {
        boolean referencedByLive = registry.referencedBy(subject, version).stream()
                .anyMatch(id -> !registry.usages(id).isEmpty());
        if (referencedByLive) {
            throw new RegistryException(422, RegistryProtocol.REFERENCE_EXISTS,
                    "One or more references exist to the schema {subject=" + subject + ",version=" + version + "}.");
        }
    }
}
