package io.sandboxpipeline.tools.replay;

import io.sandboxpipeline.core.source.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name of one replay run: part of every event id, the {@code replay.run} attribute of every event and verdict,
 * and the checkpoint's file name. Letters, digits, {@code .}, {@code _} and {@code -}, at most 100 characters.
 *
 * @param value the run id
 */
public record RunId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int MAX_SLUG = 40;

    public RunId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("a run id must start with a letter or digit and have at most 100 letters, digits, "
                    + "'.', '_' or '-', got '" + value + "'");
        }
    }

    /**
     * The default id of a run: a readable slug of the source, a short hash of its full text (two directories called
     * {@code data} get different ids) and today's date (UTC), e.g. {@code incoming-2024-3f9a1c-20250301}. The same
     * source on the same day gives the same id, so {@code --resume} finds its checkpoint without {@code --run-id}.
     */
    public static RunId derive(String sourceDescription, Clock clock) {
        String slug = sourceDescription.replaceFirst("^[a-zA-Z0-9]+://", "").replaceAll("[^A-Za-z0-9]+", "-")
                .replaceAll("^-+|-+$", "").toLowerCase(Locale.ROOT);
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(slug.length() - MAX_SLUG).replaceAll("^-+", "");
        }
        String hash = Sha256.ofBytes(sourceDescription.getBytes(StandardCharsets.UTF_8)).substring(0, 6);
        return new RunId((slug.isEmpty() ? "replay" : slug) + "-" + hash + "-" + DAY.format(clock.instant()));
    }

    /** The event id of a file in this run: stable for the file and the run, distinct across runs. */
    public String eventIdOf(String uri) {
        return "replay:" + value + ":" + Sha256.ofBytes(uri.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return value;
    }
}
