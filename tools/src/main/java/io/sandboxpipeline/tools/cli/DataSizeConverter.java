package io.sandboxpipeline.tools.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a size in bytes written as a whole number with an optional unit: {@code 512}, {@code 512B}, {@code 64KB},
 * {@code 100MB}, {@code 2GB} (case-insensitive; {@code KiB}/{@code MiB}/{@code GiB} are accepted too). Units are
 * binary, as upload limits usually are: 1KB = 1024 bytes, 1MB = 1024 KB, 1GB = 1024 MB.
 */
public final class DataSizeConverter implements ITypeConverter<Long> {

    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?");

    @Override
    public Long convert(String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = NUMBER_WITH_UNIT.matcher(text);
        if (!matcher.matches()) {
            throw new TypeConversionException("'" + value + "' is not a size: use a whole number with a unit "
                    + "(512KB, 100MB, 2GB) or a number of bytes");
        }
        try {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), bytesPer(matcher.group(2)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is too large a size");
        }
    }

    private static long bytesPer(String unit) {
        if (unit == null) {
            return 1L;
        }
        return switch (unit) {
            case "kb", "kib" -> 1L << 10;
            case "mb", "mib" -> 1L << 20;
            case "gb", "gib" -> 1L << 30;
            default -> 1L;
        };
    }
}
