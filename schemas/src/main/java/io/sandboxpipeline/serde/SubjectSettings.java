package io.sandboxpipeline.serde;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry's compatibility levels and modes: one global value of each (BACKWARD and READWRITE, as Confluent's
 * defaults) that a subject may override. Every method holds the registry's lock, so settings and registrations are
 * seen in one order.
 */
public final class SubjectSettings {

    static final String READWRITE = "READWRITE";
    static final String READONLY = "READONLY";

    private final Object lock;
    private volatile RegistryJournal journal = RegistryJournal.NONE;
    private final Map<String, Compatibility> subjectCompatibility = new HashMap<>();
    private final Map<String, String> subjectModes = new HashMap<>();
    private Compatibility globalCompatibility = Compatibility.BACKWARD;
    private String globalMode = READWRITE;

    SubjectSettings(Object lock) {
        this.lock = lock;
    }

    void journal(RegistryJournal journal) {
        this.journal = journal;
    }

    /** The level of {@code subject}: its own, else the global one. */
    public Compatibility compatibility(String subject) {
        synchronized (lock) {
            return subjectCompatibility.getOrDefault(subject, globalCompatibility);
        }
    }

    /** The subject's own level, if it has one. */
    public Optional<Compatibility> ownCompatibility(String subject) {
        synchronized (lock) {
            return Optional.ofNullable(subjectCompatibility.get(subject));
        }
    }

    public Compatibility globalCompatibility() {
        synchronized (lock) {
            return globalCompatibility;
        }
    }

    /** Sets the level of one subject, or the global level when {@code subject} is null. */
    public void setCompatibility(String subject, Compatibility level) {
        Objects.requireNonNull(level, "level must not be null");
        synchronized (lock) {
            journal.compatibility(subject, level);
            if (subject == null) {
                globalCompatibility = level;
            } else {
                subjectCompatibility.put(subject, level);
            }
        }
    }

    /** Forgets a subject's own level (it falls back to the global one); returns the level it had, if any. */
    public Optional<Compatibility> clearCompatibility(String subject) {
        synchronized (lock) {
            if (subjectCompatibility.containsKey(subject)) {
                journal.compatibility(subject, null);
            }
            return Optional.ofNullable(subjectCompatibility.remove(subject));
        }
    }

    /** {@code READWRITE} or {@code READONLY}: the subject's own mode, else the global one ({@code null}: global). */
    public String mode(String subject) {
        synchronized (lock) {
            return subject == null ? globalMode : subjectModes.getOrDefault(subject, globalMode);
        }
    }

    /**
     * Sets the mode of one subject, or the global mode when {@code subject} is null.
     *
     * @throws RegistryException 422 / 42204 for a mode other than READWRITE and READONLY
     */
    public void setMode(String subject, String mode) {
        if (!READWRITE.equals(mode) && !READONLY.equals(mode)) {
            throw new RegistryException(422, RegistryProtocol.INVALID_MODE,
                    "Invalid mode. Valid values are READWRITE and READONLY");
        }
        synchronized (lock) {
            journal.mode(subject, mode);
            if (subject == null) {
                globalMode = mode;
            } else {
                subjectModes.put(subject, mode);
            }
        }
    }

    void forget(String subject) {
        synchronized (lock) {
            if (subjectCompatibility.containsKey(subject)) {
                journal.compatibility(subject, null);
            }
            subjectCompatibility.remove(subject);
            subjectModes.remove(subject);
        }
    }

    /** Sets a value as a journal recorded it, writing nothing (level null clears the subject's level). */
    void restoreCompatibility(String subject, Compatibility level) {
        synchronized (lock) {
            if (subject == null) {
                globalCompatibility = level == null ? Compatibility.BACKWARD : level;
            } else if (level == null) {
                subjectCompatibility.remove(subject);
            } else {
                subjectCompatibility.put(subject, level);
            }
        }
    }

    void restoreMode(String subject, String mode) {
        synchronized (lock) {
            if (subject == null) {
                globalMode = mode == null ? READWRITE : mode;
            } else if (mode == null) {
                subjectModes.remove(subject);
            } else {
                subjectModes.put(subject, mode);
            }
        }
    }
}
