package io.sandboxpipeline.bench;

import io.sandboxpipeline.tools.cli.DurationConverter;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options of the steady-arrival mode, kept apart from {@link BenchCommand}'s. */
final class SteadyOptions {

    @Option(names = "--steady-rate", defaultValue = "5/s", converter = RateConverter.class, paramLabel = "RATE",
            description = "Steady mode: events per second, e.g. 5/s or 120/min. Default: ${DEFAULT-VALUE}.")
    double ratePerSecond;

    @Option(names = "--steady-duration", defaultValue = "60s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Steady mode: how long events keep arriving. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--steady-quota-rps", defaultValue = "20", paramLabel = "RATE",
            description = "Steady mode: requests per second both systems may make (the emulators answer 429 beyond; the "
                    + "pipeline's quota.* settings are split from it); 0 = no quota. Default: ${DEFAULT-VALUE}.")
    double quotaRps;

    SteadySpec spec() {
        return new SteadySpec(ratePerSecond, duration, quotaRps);
    }

    /** Reads {@code 5}, {@code 5/s}, {@code 300/min} or {@code 0.5/s} as events per second. */
    static final class RateConverter implements ITypeConverter<Double> {

        @Override
        public Double convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            double per = 1;
            if (text.endsWith("/s")) {
                text = text.substring(0, text.length() - 2);
            } else if (text.endsWith("/min")) {
                text = text.substring(0, text.length() - 4);
                per = 60;
            }
            try {
                return Double.parseDouble(text.strip()) / per;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a rate; use e.g. 5/s or 120/min");
            }
        }
    }
}
