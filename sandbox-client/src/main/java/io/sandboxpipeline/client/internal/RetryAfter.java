package io.sandboxpipeline.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import okhttp3.Headers;

/** Parses {@code Retry-After} (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. */
public final class RetryAfter {

    /** Longer waits are capped: a day is already more than any quota window worth honouring blindly. */
    static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {
    }

    /**
     * @return the wait, never negative (a date in the past gives zero); empty when the header is absent or unparsable
     */
    public static Optional<Duration> parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        if (trimmed.chars().allMatch(Character::isDigit)) {
            if (trimmed.length() > 9) {
                return Optional.of(MAX);
            }
            return Optional.of(min(Duration.ofSeconds(Long.parseLong(trimmed))));
        }
        // OkHttp's date parser accepts IMF-fixdate and the two obsolete HTTP-date formats.
        Date date = Headers.of("Retry-After", trimmed).getDate("Retry-After");
        if (date == null) {
            return Optional.empty();
        }
        Duration wait = Duration.between(clock.instant(), Instant.ofEpochMilli(date.getTime()));
        return Optional.of(wait.isNegative() ? Duration.ZERO : min(wait));
    }

    private static Duration min(Duration wait) {
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
