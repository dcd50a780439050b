package io.sandboxpipeline.serde;

import java.util.Objects;

/**
 * A schema reference as Confluent's registry takes them: the named type {@code name} is defined by version
 * {@code version} of {@code subject}, so the referencing schema may use it without defining it.
 */
public record SchemaReference(String name, String subject, int version) {

    public SchemaReference {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(subject, "subject must not be null");
    }
}
