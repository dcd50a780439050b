package io.sandboxpipeline.app.cli;

import io.sandboxpipeline.core.config.ConfigValues;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The configuration options every pipeline command shares ({@code @Mixin}): a properties file, then the environment,
 * then {@code --set KEY=VALUE}, in that order of precedence (see {@link ConfigValues#load}).
 */
public final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "A properties file (see README for the keys).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting (not for secrets: use the environment).")
    Map<String, String> overrides = Map.of();

    /** The merged settings: the file, then {@code environment}, then the {@code --set} overrides. */
    public ConfigValues load(Map<String, String> environment) {
        return ConfigValues.load(Optional.ofNullable(config), environment, overrides);
    }
}
