package io.sandboxpipeline.enricher.iocfeed;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The feed's key of an indicator, {@code <type>:<value>}: the type in lower case, the value trimmed, and in lower case
 * where case carries no meaning (domains, e-mail addresses, hex hashes), so one indicator has one key however a report
 * spelled it. URLs and the rest keep their case.
 */
final class IocKeys {

    private static final Set<String> CASE_INSENSITIVE = Set.of("domain", "email", "md5", "sha1", "sha256", "sha512",
            "imphash", "authentihash");

    private IocKeys() {
    }

    static String type(String type) {
        return type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
    }

    /** The normalised value, or empty when there is nothing to key (blank). */
    static Optional<String> value(String type, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        return Optional.of(CASE_INSENSITIVE.contains(type) ? trimmed.toLowerCase(Locale.ROOT) : trimmed);
    }

    static String key(String type, String value) {
        return type + ":" + value;
    }
}
