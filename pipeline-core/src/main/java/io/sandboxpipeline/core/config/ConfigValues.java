package io.sandboxpipeline.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Raw configuration values merged from, in increasing precedence: a properties file, environment variables and
 * explicit overrides. Typed, validated stage configs are built from it.
 *
 * <p>Environment variables map to property keys in two ways: the well-known names in {@link #WELL_KNOWN_ENV}
 * (for example {@code SANDBOX_URL} to {@code sandbox.url}), and any {@code SP_*} variable by lower-casing it and turning
 * {@code _} into {@code .} ({@code SP_POLLER_SCAN_DEADLINE} to {@code poller.scan.deadline}).
 */
public final class ConfigValues {

    /** Environment variables with a name of their own. */
    public static final Map<String, String> WELL_KNOWN_ENV = Map.of(
            "SANDBOX_URL", "sandbox.url",
            "SANDBOX_API_KEY", "sandbox.api.key",
            "SANDBOX_API_KEY_FILE", "sandbox.api.key.file",
            "KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrap.servers",
            "SCHEMA_REGISTRY_URL", "schema.registry.url",
            "TOPIC_PREFIX", "topic.prefix",
            "STATE_DIR", "kafka.state.dir");

    private static final String ENV_PREFIX = "SP_";

    private final Map<String, String> values;

    private ConfigValues(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static ConfigValues of(Map<String, String> values) {
        return new ConfigValues(values);
    }

    public static ConfigValues empty() {
        return new ConfigValues(Map.of());
    }

    /** Merges an optional properties file, then the given environment, then the overrides. */
    public static ConfigValues load(Optional<Path> propertiesFile, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>();
        propertiesFile.ifPresent(file -> merged.putAll(readProperties(file)));
        merged.putAll(fromEnvironment(environment));
        merged.putAll(overrides);
        return new ConfigValues(merged);
    }

    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> mapped = new HashMap<>();
        environment.forEach((name, value) -> {
            String key = WELL_KNOWN_ENV.get(name);
            if (key != null) {
                mapped.put(key, value);
            } else if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                mapped.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return mapped;
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name).trim()));
        return map;
    }

    /** A copy with one more value (replacing any previous one). */
    public ConfigValues with(String key, String value) {
        Map<String, String> copy = new HashMap<>(values);
        copy.put(key, value);
        return new ConfigValues(copy);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    public String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        return get(key).map(v -> parse(key, v, Integer::parseInt, "an integer")).orElse(defaultValue);
    }

    public double getDouble(String key, double defaultValue) {
        return get(key).map(v -> parse(key, v, Double::parseDouble, "a number")).orElse(defaultValue);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(v -> {
            String lower = v.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return Boolean.parseBoolean(lower);
            }
            throw new ConfigException(key + " must be true or false, got '" + v + "'");
        }).orElse(defaultValue);
    }

    public Duration getDuration(String key, Duration defaultValue) {
        return get(key).map(v -> parse(key, v, Durations::parse, "a duration such as 500ms, 2s, 5m or PT2S")).orElse(defaultValue);
    }

    /** Every value whose key starts with the prefix, with the prefix removed. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> selected = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                selected.put(key.substring(prefix.length()), value);
            }
        });
        return selected;
    }

    private static <T> T parse(String key, String value, Function<String, T> parser, String expected) {
        try {
            return parser.apply(value.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(key + " must be " + expected + ", got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        // Values may hold secrets (the API key, SASL passwords): only the keys are shown.
        return "ConfigValues" + new TreeMap<>(values).keySet();
    }
}
