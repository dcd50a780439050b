package io.sandboxpipeline.emulator.internal.reputation;

import java.util.Locale;

/** What a reputation is kept for: a sha256 or an IOC (url, domain, ip), normalised. */
public record ReputationKey(String kind, String value) {

    public static final String HASH = "hash";

    public static ReputationKey hash(String sha256) {
        return new ReputationKey(HASH, sha256.toLowerCase(Locale.ROOT));
    }

    /**
     * An IOC of type {@code url}, {@code domain} or {@code ip}. Domains are case-insensitive; URLs and IPs are kept
     * exactly as found (a lookup must send the same string).
     */
    public static ReputationKey ioc(String type, String value) {
        return new ReputationKey(type, type.equals("domain") ? value.toLowerCase(Locale.ROOT) : value);
    }
}
