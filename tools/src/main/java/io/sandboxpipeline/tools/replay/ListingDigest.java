package io.sandboxpipeline.tools.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A running SHA-256 over the uris of a listing's first files, one uri and a line feed each. */
final class ListingDigest {

    private final MessageDigest digest;

    ListingDigest() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The digest of the first {@code count} events. */
    static String of(List<ReplayEvent> events, long count) {
        ListingDigest digest = new ListingDigest();
        events.stream().limit(count).forEach(digest::add);
        return digest.value();
    }

    void add(ReplayEvent event) {
        digest.update((event.file().uri() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The digest of what was added so far; adding can go on. */
    String value() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 implementation cannot be cloned", e);
        }
    }
}
