package io.sandboxpipeline.core.ops;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import java.util.Objects;

/**
 * Where the ops endpoints listen.
 *
 * @param host    the address to bind, {@value #DEFAULT_HOST} by default (this machine only); {@code 0.0.0.0} in a pod
 * @param port    the TCP port, {@value #DEFAULT_PORT} by default (Prometheus exporters' customary range); 0 picks a free one
 * @param enabled whether to serve them at all
 */
public record OpsSettings(String host, int port, boolean enabled) {

    public static final String HOST_KEY = "ops.host";
    public static final String PORT_KEY = "ops.port";
    public static final String ENABLED_KEY = "ops.enabled";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9464;

    public OpsSettings {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new ConfigException(HOST_KEY + " must be an address such as 127.0.0.1 or 0.0.0.0, got a blank value");
        }
        host = host.strip();
        if (port < 0 || port > 65_535) {
            throw new ConfigException(PORT_KEY + " must be between 0 and 65535 (0 picks a free port), got " + port);
        }
    }

    /** Enabled, on {@value #DEFAULT_HOST}:{@value #DEFAULT_PORT}. */
    public static OpsSettings defaults() {
        return new OpsSettings(DEFAULT_HOST, DEFAULT_PORT, true);
    }

    /** From {@code ops.host}, {@code ops.port} and {@code ops.enabled} (default true, as for {@code run}). */
    public static OpsSettings from(ConfigValues values) {
        return from(values, true);
    }

    /** As {@link #from(ConfigValues)}, for commands whose default differs (e.g. {@code demo}: false). */
    public static OpsSettings from(ConfigValues values, boolean enabledByDefault) {
        return new OpsSettings(
                values.get(HOST_KEY, DEFAULT_HOST),
                values.getInt(PORT_KEY, DEFAULT_PORT),
                values.getBoolean(ENABLED_KEY, enabledByDefault));
    }
}
