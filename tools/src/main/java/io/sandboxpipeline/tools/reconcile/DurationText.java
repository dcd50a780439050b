package io.sandboxpipeline.tools.reconcile;

import java.time.Duration;

/** Durations as people read them: {@code 850ms}, {@code 45s}, {@code 4m 10s}, {@code 1h 05m}, {@code 3d 2h}. */
final class DurationText {

    private DurationText() {
    }

    static String format(Duration duration) {
        if (duration == null) {
            return "unknown";
        }
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toMillis() + "ms";
        }
        if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
            return duration.toSeconds() + "s";
        }
        if (duration.compareTo(Duration.ofHours(1)) < 0) {
            return duration.toMinutes() + "m " + pad(duration.toSecondsPart()) + "s";
        }
        if (duration.compareTo(Duration.ofDays(1)) < 0) {
            return duration.toHours() + "h " + pad(duration.toMinutesPart()) + "m";
        }
        return duration.toDays() + "d " + duration.toHoursPart() + "h";
    }

    private static String pad(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
