package io.sandboxpipeline.client;

import java.util.Objects;
import java.util.Optional;

/** A MITRE ATT&amp;CK technique of a signal group, e.g. {@code T1027.002 Software Packing} (tactic TA0005). */
public record MitreTechnique(String id, String name, Optional<String> tacticId, Optional<String> tacticName) {

    public MitreTechnique {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(name, "name must not be null (use an empty string when unknown)");
        Objects.requireNonNull(tacticId, "tacticId must not be null (use Optional.empty())");
        Objects.requireNonNull(tacticName, "tacticName must not be null (use Optional.empty())");
    }
}
