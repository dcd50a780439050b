package io.sandboxpipeline.core.config;

/** Configuration that cannot be used, with a message that tells the user what to change. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
