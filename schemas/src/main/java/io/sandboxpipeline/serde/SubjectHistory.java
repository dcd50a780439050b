package io.sandboxpipeline.serde;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The versions of one subject, soft-deleted ones included, as Confluent keeps them: version numbers only grow (a
 * version registered after a soft deletion gets a new number), and a version is permanently removed only after it
 * was soft-deleted. Not thread-safe: the registry guards it.
 */
final class SubjectHistory {

    /** One version: its number, the global id of its schema, and whether it was soft-deleted. */
    record Entry(int version, int id, boolean deleted) {
    }

    private final List<Entry> entries = new ArrayList<>();

    List<Entry> entries(boolean includeDeleted) {
        return entries.stream().filter(e -> includeDeleted || !e.deleted()).toList();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean hasLive() {
        return entries.stream().anyMatch(e -> !e.deleted());
    }

    int nextVersion() {
        return entries.stream().mapToInt(Entry::version).max().orElse(0) + 1;
    }

    Entry add(int id) {
        Entry entry = new Entry(nextVersion(), id, false);
        entries.add(entry);
        return entry;
    }

    /** Puts a version back as a journal recorded it (replacing one with the same number), keeping version order. */
    void restore(int version, int id, boolean deleted) {
        entries.removeIf(e -> e.version() == version);
        entries.add(new Entry(version, id, deleted));
        entries.sort(Comparator.comparingInt(Entry::version));
    }

    Optional<Entry> live(int id) {
        return entries.stream().filter(e -> !e.deleted() && e.id() == id).findFirst();
    }

    Optional<Entry> version(int version, boolean includeDeleted) {
        return entries.stream().filter(e -> e.version() == version && (includeDeleted || !e.deleted())).findFirst();
    }

    Optional<Entry> latest(boolean includeDeleted) {
        List<Entry> visible = entries(includeDeleted);
        return visible.isEmpty() ? Optional.empty() : Optional.of(visible.get(visible.size() - 1));
    }

    void softDelete(int version) {
        entries.replaceAll(e -> e.version() == version ? new Entry(e.version(), e.id(), true) : e);
    }

    void remove(int version) {
        entries.removeIf(e -> e.version() == version);
    }
}
