package io.sandboxpipeline.app.emulator;

import java.util.Map;

/**
 * The API key the emulator accepts and where it came from. The key itself never leaves this record except through
 * {@link #key()}: {@link #toString()} names only the source.
 *
 * @param key    the key clients must send in {@code X-Api-Key}
 * @param source where it came from, safe to print: {@code --api-key}, {@code SANDBOX_API_KEY} or {@code default}
 */
record ApiKeyChoice(String key, String source) {

    static final String ENVIRONMENT_VARIABLE = "SANDBOX_API_KEY";
    static final String DEFAULT_KEY = "demo";
    static final String FROM_OPTION = "--api-key";
    static final String FROM_DEFAULT = "default";

    ApiKeyChoice {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the API key must not be blank; pass --api-key or set "
                    + ENVIRONMENT_VARIABLE);
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must name where the API key came from");
        }
    }

    /** The option if given, else a non-blank {@code SANDBOX_API_KEY}, else the demo key. */
    static ApiKeyChoice of(String option, Map<String, String> environment) {
        if (option != null) {
            return new ApiKeyChoice(option, FROM_OPTION);
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new ApiKeyChoice(fromEnvironment.strip(), ENVIRONMENT_VARIABLE);
        }
        return new ApiKeyChoice(DEFAULT_KEY, FROM_DEFAULT);
    }

    boolean fromCommandLine() {
        return FROM_OPTION.equals(source);
    }

    @Override
    public String toString() {
        return "ApiKeyChoice[key=***, source=" + source + "]";
    }
}
