package io.sandboxpipeline.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The MetaDefender Sandbox API key, sent only as the {@code X-Api-Key} header.
 *
 * <p>A secret: {@link #toString()} never shows it, and there is deliberately no getter named like a property, so
 * serialisers and loggers that reflect over getters do not pick it up. Equality is by value (constant-time).
 */
public final class ApiKey {

    private static final int MAX_LENGTH = 1024;

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /**
     * Creates a key. Surrounding whitespace (e.g. the trailing newline of a key read from a file) is removed; what is
     * left must be non-blank printable ASCII without spaces, because it travels in an HTTP header. Error messages never
     * quote the value.
     */
    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "API key must not be null: set the MetaDefender Sandbox API key");
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("API key must not be blank: set the MetaDefender Sandbox API key "
                    + "(generate one at https://www.filescan.io/users/profile)");
        }
        if (stripped.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("API key is longer than " + MAX_LENGTH
                    + " characters; check that the whole value is the key");
        }
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("API key contains a character that is not printable ASCII "
                        + "at position " + i + "; check for spaces, quotes from copy-paste or a wrong file encoding");
            }
        }
        return new ApiKey(stripped);
    }

    /** The secret value; only meant for setting the {@code X-Api-Key} header. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKey that
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.US_ASCII), that.value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[***]";
    }
}
