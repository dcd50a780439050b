package io.sandboxpipeline.emulator.internal.http;

import java.util.Locale;
import java.util.Optional;

/** Boolean form values the way pydantic reads them: true/false/1/0/yes/no/on/off, case-insensitive. */
public final class FormBooleans {

    private FormBooleans() {
    }

    /** The boolean a form value stands for, or empty when pydantic would reject it. */
    public static Optional<Boolean> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on", "t", "y":
                return Optional.of(Boolean.TRUE);
            case "false", "0", "no", "off", "f", "n":
                return Optional.of(Boolean.FALSE);
            default:
                return Optional.empty();
        }
    }
}
