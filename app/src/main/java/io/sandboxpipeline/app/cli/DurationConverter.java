package io.sandboxpipeline.app.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a non-negative duration written as a whole number with a unit ({@code 500ms}, {@code 4s}, {@code 1m},
 * {@code 2h}, {@code 1d}) or in ISO-8601 ({@code PT4S}, {@code PT1M30S}). A bare number is refused: "5" could mean
 * seconds or milliseconds.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        boolean iso = text.startsWith("p") || text.startsWith("-p") || text.startsWith("+p");
        Duration duration = iso ? iso(value, text) : withUnit(value, text);
        if (duration.isNegative()) {
            throw new TypeConversionException("'" + value + "' is negative; a duration must be zero or more");
        }
        return duration;
    }

    private static Duration withUnit(String value, String text) {
        Matcher matcher = NUMBER_WITH_UNIT.matcher(text);
        if (!matcher.matches()) {
            throw invalid(value);
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw invalid(value);
        }
        try {
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is too long a duration");
        }
    }

    private static Duration iso(String value, String text) {
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw invalid(value);
        }
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException("'" + value + "' is not a duration: use a whole number with a unit "
                + "(500ms, 4s, 1m, 2h, 1d) or ISO-8601 (PT4S)");
    }
}
