package io.sandboxpipeline.tools.cli;

import io.sandboxpipeline.core.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a non-negative duration the way the configuration does ({@link Durations}): a whole number with a unit
 * ({@code 500ms}, {@code 4s}, {@code 1m}, {@code 2h}, {@code 1d}) or ISO-8601 ({@code PT4S}, {@code PT1M30S}). A bare
 * number is refused: "5" could mean seconds or milliseconds.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        Duration duration;
        try {
            duration = Durations.parse(value == null ? "" : value);
        } catch (ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is too long a duration");
        } catch (RuntimeException e) {
            throw new TypeConversionException("'" + value + "' is not a duration: use a whole number with a unit "
                    + "(500ms, 4s, 1m, 2h, 1d) or ISO-8601 (PT4S)");
        }
        if (duration.isNegative()) {
            throw new TypeConversionException("'" + value + "' is negative; a duration must be zero or more");
        }
        return duration;
    }
}
