package io.sandboxpipeline.app.emulator;

import io.sandboxpipeline.emulator.Endpoint;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an emulator {@link Endpoint} name in any case, with {@code -} or {@code _}: {@code scan-file}, {@code REPORT}. */
final class EndpointConverter implements ITypeConverter<Endpoint> {

    @Override
    public Endpoint convert(String value) {
        String name = value == null ? "" : value.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(Endpoint.values())
                .filter(endpoint -> endpoint.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new TypeConversionException("'" + value + "' is not an emulator endpoint; use one "
                        + "of " + Arrays.toString(Endpoint.values())));
    }
}
