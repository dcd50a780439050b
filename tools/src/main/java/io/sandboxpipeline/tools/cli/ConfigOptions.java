package io.sandboxpipeline.tools.cli;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The configuration options every pipeline command shares ({@code @Mixin}): a properties file, then the environment,
 * then {@code --set KEY=VALUE}, in that order of precedence (see {@link ConfigValues#load}). When none of them names a
 * Kafka, a running {@code sandbox-pipeline up} is found through its {@code connection.env} (in {@code --data DIR},
 * default {@code ./.sandbox-pipeline}) and its addresses fill in what is not set.
 */
public final class ConfigOptions {

    /** The help paragraph of every tool that reads the topics: where its configuration comes from. */
    public static final String TOOL_CONFIGURATION_HELP = "Configuration as for 'run': --config FILE, then the environment "
            + "(KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, TOPIC_PREFIX, SP_<KEY>), then --set KEY=VALUE; with none of "
            + "them, a running `sandbox-pipeline up` (--data DIR). No Sandbox API key is needed.";

    private static final String BOOTSTRAP_KEY = "kafka.bootstrap.servers";
    private static final Map<String, String> DISCOVERED = Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", BOOTSTRAP_KEY,
            "SCHEMA_REGISTRY_URL", "schema.registry.url",
            "SANDBOX_URL", "sandbox.url",
            "SANDBOX_API_KEY", "sandbox.api.key",
            "TOPIC_PREFIX", "topic.prefix");

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "A properties file (see README for the keys).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting (not for secrets: use the environment).")
    Map<String, String> overrides = Map.of();

    @Option(names = "--data", paramLabel = "DIR", description = "The data directory of `up` (default: "
            + "./.sandbox-pipeline): where `up` keeps its data; other commands connect to the `up` running there when "
            + "no Kafka is configured.")
    Path data;

    /** The merged settings: the file, then {@code environment}, then the {@code --set} overrides, then a running up. */
    public ConfigValues load(Map<String, String> environment) {
        ConfigValues values = loadWithoutDiscovery(environment);
        if (values.get(BOOTSTRAP_KEY).filter(s -> !s.isBlank()).isPresent()) {
            return values;
        }
        Path dataDir = data != null ? data : ConnectionFile.DEFAULT_DATA_DIR;
        Optional<Map<String, String>> found = ConnectionFile.read(dataDir);
        if (found.isEmpty()) {
            if (data != null) {
                throw new ConfigException("no " + ConnectionFile.FILE_NAME + " in " + data + ": is `sandbox-pipeline up "
                        + "--data " + data + "` running?");
            }
            return values;
        }
        String bootstrap = found.get().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
        if (!ConnectionFile.answers(bootstrap)) {
            throw new ConfigException("found " + dataDir.resolve(ConnectionFile.FILE_NAME) + " but nothing answers at "
                    + bootstrap + ": start `sandbox-pipeline up` again, or set KAFKA_BOOTSTRAP_SERVERS");
        }
        Map<String, String> merged = new HashMap<>();
        found.get().forEach((name, value) -> {
            String key = DISCOVERED.get(name);
            if (key != null && values.get(key).isEmpty()) {
                merged.put(key, value);
            }
        });
        ConfigValues result = values;
        for (Map.Entry<String, String> entry : merged.entrySet()) {
            result = result.with(entry.getKey(), entry.getValue());
        }
        return result;
    }

    /** The settings as given, without looking for a running {@code up} (what {@code up} itself reads). */
    public ConfigValues loadWithoutDiscovery(Map<String, String> environment) {
        return ConfigValues.load(Optional.ofNullable(config), environment, overrides);
    }

    /** The {@code --data} directory, if given. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(data);
    }
}
