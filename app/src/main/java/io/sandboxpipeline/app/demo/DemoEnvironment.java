package io.sandboxpipeline.app.demo;

import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.serde.MockSchemaRegistry;
import io.sandboxpipeline.serde.SchemaRegistries;
import io.sandboxpipeline.serde.SchemaRegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the demo runs on: an existing Kafka, Schema Registry and MetaDefender Sandbox when the environment names them
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}, {@code SANDBOX_URL} + {@code SANDBOX_API_KEY}),
 * otherwise the embedded defaults: a single-node KRaft broker in this JVM, an in-memory schema registry (also served
 * over HTTP with the Confluent REST API its clients use) and the Sandbox emulator, all on 127.0.0.1.
 */
final class DemoEnvironment implements AutoCloseable {

    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<String> description = new ArrayList<>();
    private final Map<String, String> config = new HashMap<>();
    private final Path workDir;
    private boolean emulated;

    private DemoEnvironment(Path workDir) {
        this.workDir = workDir;
    }

    static DemoEnvironment start(Map<String, String> env, Duration scanDuration) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("sandbox-pipeline-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's work directory", e);
        }
        DemoEnvironment environment = new DemoEnvironment(workDir);
        try {
            environment.startKafka(env);
            environment.startRegistry(env);
            environment.startSandbox(env, scanDuration);
            environment.configureStages();
            return environment;
        } catch (RuntimeException e) {
            environment.close();
            throw e;
        }
    }

    private void startKafka(Map<String, String> env) {
        Optional<String> external = Optional.ofNullable(env.get("KAFKA_BOOTSTRAP_SERVERS")).filter(s -> !s.isBlank());
        if (external.isPresent()) {
            config.put("kafka.bootstrap.servers", external.get());
            description.add("Kafka           " + external.get() + " (KAFKA_BOOTSTRAP_SERVERS)");
            return;
        }
        EmbeddedKafka kafka = EmbeddedKafka.start();
        started.add(kafka);
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        description.add("Kafka           " + kafka.bootstrapServers() + " (embedded single-node KRaft broker)");
    }

    private void startRegistry(Map<String, String> env) {
        Optional<String> external = Optional.ofNullable(env.get("SCHEMA_REGISTRY_URL")).filter(s -> !s.isBlank());
        if (external.isPresent()) {
            config.put("schema.registry.url", external.get());
            description.add("Schema Registry " + external.get() + " (SCHEMA_REGISTRY_URL)");
            return;
        }
        String scope = "demo-" + UUID.randomUUID();
        MockSchemaRegistry registry = SchemaRegistries.mockScope(scope);
        SchemaRegistryServer server = SchemaRegistryServer.start("127.0.0.1", 0, registry);
        started.add(server);
        started.add(() -> SchemaRegistries.dropScope(scope));
        config.put("schema.registry.url", "mock://" + scope);
        description.add("Schema Registry " + server.url() + " (in-memory; Confluent REST API for other tools)");
    }

    private void startSandbox(Map<String, String> env, Duration scanDuration) {
        String url = env.get("SANDBOX_URL");
        String key = env.get("SANDBOX_API_KEY");
        if (url != null && !url.isBlank()) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("SANDBOX_URL is set but SANDBOX_API_KEY is not: the Sandbox needs an API key");
            }
            config.put("sandbox.url", url);
            config.put("sandbox.api.key", key);
            description.add("Sandbox         " + url + " (SANDBOX_URL)");
            return;
        }
        String demoKey = "demo-" + UUID.randomUUID();
        SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder()
                .apiKey(demoKey)
                .scanDuration(scanDuration)
                .pollPause(2)
                .maxUploadSizeBytes(DemoSamples.DEMO_MAX_UPLOAD_BYTES)
                .failAttempts(1)
                .build());
        started.add(emulator);
        emulated = true;
        config.put("sandbox.url", emulator.baseUrl().toString());
        config.put("sandbox.api.key", demoKey);
        description.add("Sandbox         " + emulator.baseUrl() + " (emulator of the MetaDefender Sandbox API)");
    }

    private void configureStages() {
        config.put("kafka.application.id.prefix", "sandbox-pipeline-demo-");
        config.put("kafka.partitions", "2");
        config.put("kafka.state.dir", workDir.resolve("state").toString());
        config.put("kafka.commit.interval", "100ms");
        config.put("poller.scan.deadline", "90s");
    }

    ConfigValues config() {
        return ConfigValues.of(config);
    }

    boolean emulated() {
        return emulated;
    }

    Path workDir() {
        return workDir;
    }

    List<String> description() {
        return List.copyOf(description);
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // best effort: the demo is ending anyway
            }
        }
        started.clear();
        deleteQuietly(workDir);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
