package io.sandboxpipeline.app.up;

import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafkaOptions;
import io.sandboxpipeline.runtime.PipelineRuntime;
import io.sandboxpipeline.runtime.Stage;
import io.sandboxpipeline.runtime.StatusPage;
import io.sandboxpipeline.runtime.watch.WatchSettings;
import io.sandboxpipeline.runtime.watch.WatchedFolders;
import io.sandboxpipeline.serde.KafkaSchemaLog;
import io.sandboxpipeline.serde.SchemaRegistryServer;
import io.sandboxpipeline.tools.cli.ConfigOptions;
import io.sandboxpipeline.tools.cli.ConnectionFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole pipeline on one machine without Docker, for real: an embedded Kafka broker and a schema registry that keep
 * their data in a directory, the Sandbox (the real one when {@code SANDBOX_URL} is set, else the emulator), the three
 * stages, watched folders and the status page, all on 127.0.0.1, until Ctrl-C. Started again on the same directory it
 * carries on where it stopped.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline on this machine, with its data kept in a directory, until Ctrl-C.",
                "Other commands (verdicts, lookup, replay, reconcile, topics) find it by themselves."},
        footer = {"", "One broker without replication: for production, use `run` against your Kafka (docs/operations.md)."})
public final class UpCommand implements Callable<Integer> {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(30);
    private static final String SESSION_TIMEOUT_KEY = "kafka.session.timeout.ms";
    private static final String LOST_UPLOAD_PATIENCE_KEY = "submitter.lost.upload.patience";

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Spec
    CommandSpec spec;

    @Option(names = "--watch", paramLabel = "DIR", description = "Scan every new or changed file under DIR (repeatable).")
    List<Path> watch = new ArrayList<>();

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Kafka's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int kafkaPort = UpPorts.DEFAULT_KAFKA;

    @Option(names = "--controller-port", paramLabel = "PORT", description = "The KRaft controller's port (default: ${DEFAULT-VALUE}).")
    int controllerPort = UpPorts.DEFAULT_CONTROLLER;

    @Option(names = "--registry-port", paramLabel = "PORT", description = "The schema registry's port (default: ${DEFAULT-VALUE}).")
    int registryPort = UpPorts.DEFAULT_REGISTRY;

    @Option(names = "--ops-port", paramLabel = "PORT", description = "Status page, metrics and health (default: ${DEFAULT-VALUE}).")
    int opsPort = UpPorts.DEFAULT_OPS;

    @Option(names = "--sandbox-port", paramLabel = "PORT", description = "The Sandbox emulator's port, when no SANDBOX_URL is set (default: ${DEFAULT-VALUE}).")
    int sandboxPort = UpPorts.DEFAULT_SANDBOX;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final List<AutoCloseable> started = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path dataDir = configOptions.dataDir().orElse(ConnectionFile.DEFAULT_DATA_DIR).toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        ConfigValues given = configOptions.loadWithoutDiscovery(System.getenv());
        boolean emulated = given.get("sandbox.url").filter(url -> !url.isBlank()).isEmpty();
        UpPorts ports = new UpPorts(kafkaPort, controllerPort, registryPort, opsPort, sandboxPort);
        try {
            started.add(DataDirLock.acquire(dataDir));
            ports.requireFree(emulated);
        } catch (IllegalStateException | UpPorts.PortInUseException e) {
            closeAll();
            spec.commandLine().getErr().println("up: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            closeAll();
        }, "sandbox-pipeline-up-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int exit;
        try {
            PipelineRuntime runtime = startAll(dataDir, given, ports, emulated);
            exit = runtime.awaitStop(stopRequested);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                closeAll();
            } catch (IllegalStateException jvmIsShuttingDown) {
                // the hook is closing everything already
            }
        }
        return exit;
    }

    private PipelineRuntime startAll(Path dataDir, ConfigValues given, UpPorts ports, boolean emulated) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaOptions.defaults().withDataDir(dataDir.resolve("kafka"))
                .withPorts(ports.kafka(), ports.controller()));
        register(kafka);
        KafkaSchemaLog.Opened schemas = KafkaSchemaLog.open(kafka.admin(), kafka.bootstrapServers(), KafkaSchemaLog.DEFAULT_TOPIC);
        register(schemas.log());
        SchemaRegistryServer registry = SchemaRegistryServer.start("127.0.0.1", ports.registry(), schemas.registry());
        register(registry);

        Map<String, String> connection = new LinkedHashMap<>();
        connection.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        connection.put("SCHEMA_REGISTRY_URL", registry.url().toString());
        ConfigValues values = given;
        if (given.get(SESSION_TIMEOUT_KEY).isEmpty()) {
            // one process owns every member: after a crash its old members hold their partitions until their session
            // expires (Kafka's default 45 s), so a restart would wait that long before it carries on
            values = values.with(SESSION_TIMEOUT_KEY, "10000").with("kafka.heartbeat.interval.ms", "2000");
        }
        values = values.with("kafka.bootstrap.servers", kafka.bootstrapServers())
                .with("schema.registry.url", registry.url().toString())
                .with("kafka.state.dir", dataDir.resolve("state").toString())
                .with("ops.host", "127.0.0.1")
                .with("ops.port", Integer.toString(ports.ops()));
        if (emulated) {
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random); // generateSeed may block on the OS's entropy
            String key = "up-" + HexFormat.of().formatHex(random);
            SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().host("127.0.0.1")
                    .port(ports.sandbox()).apiKey(key).build());
            register(emulator);
            values = values.with("sandbox.url", emulator.baseUrl().toString()).with("sandbox.api.key", key);
            if (given.get(LOST_UPLOAD_PATIENCE_KEY).isEmpty()) {
                // the emulator forgets its flows when up stops: an upload cut short by a crash cannot be found by a
                // search after the restart, so waiting the real Sandbox's patience for it (2 min) would only delay
                values = values.with(LOST_UPLOAD_PATIENCE_KEY, "5s");
            }
            connection.put("SANDBOX_URL", emulator.baseUrl().toString());
            connection.put("SANDBOX_API_KEY", key);
        } else {
            connection.put("SANDBOX_URL", given.get("sandbox.url").orElseThrow());
        }
        if (!watch.isEmpty()) {
            List<String> dirs = new ArrayList<>();
            for (Path dir : watch) {
                dirs.add(dir.toAbsolutePath().normalize().toString());
            }
            values = values.with(WatchSettings.DIRS_KEY, String.join(",", dirs));
        }
        values = WatchedFolders.allowWatchedRoots(values);
        given.get("topic.prefix").ifPresent(prefix -> connection.put("TOPIC_PREFIX", prefix));

        ConfigValues stageValues = values;
        PipelineRuntime runtime = PipelineRuntime.start(List.of(Stage.values()), stageValues,
                r -> StatusPage.routes(r, stageValues));
        register(runtime);
        awaitRunning(runtime);
        String opsUrl = runtime.opsUri().map(Object::toString).orElse("");
        connection.put("OPS_URL", opsUrl);
        ConnectionFile.write(dataDir, connection);
        register(() -> ConnectionFile.delete(dataDir));
        spec.commandLine().getOut().println("sandbox-pipeline is up: Kafka " + kafka.bootstrapServers()
                + ", schema registry " + registry.url() + ", Sandbox " + connection.get("SANDBOX_URL")
                + (emulated ? " (emulator)" : "") + ", status " + opsUrl
                + (watch.isEmpty() ? "" : ", watching " + watch.stream().map(Path::toString).collect(Collectors.joining(", ")))
                + "; data in " + dataDir + " (" + ConnectionFile.FILE_NAME + "); Ctrl-C stops");
        spec.commandLine().getOut().flush();
        return runtime;
    }

    /**
     * Waits until every stage runs. No deadline: after a crash Kafka may hold a stage for a minute or more while it
     * aborts the transactions the crash left open; that is said every 30 s. A stage that fails ends the wait.
     */
    private void awaitRunning(PipelineRuntime runtime) throws InterruptedException {
        long nextNote = System.nanoTime() + PROGRESS_INTERVAL.toNanos();
        while (!runtime.states().values().stream().allMatch(s -> s == KafkaStreams.State.RUNNING)) {
            if (runtime.states().values().stream().anyMatch(s -> s == KafkaStreams.State.ERROR
                    || s == KafkaStreams.State.NOT_RUNNING || s == KafkaStreams.State.PENDING_ERROR)) {
                throw new IllegalStateException("a stage failed while starting: " + runtime.states());
            }
            if (stopRequested.getCount() == 0) {
                return;
            }
            if (System.nanoTime() > nextNote) {
                spec.commandLine().getErr().println("still starting: " + runtime.states() + " (after a crash, Kafka "
                        + "holds a stage until it has aborted the transactions the crash left open)");
                spec.commandLine().getErr().flush();
                nextNote = System.nanoTime() + PROGRESS_INTERVAL.toNanos();
            }
            Thread.sleep(200);
        }
    }

    private synchronized void register(AutoCloseable resource) {
        started.add(resource);
    }

    /** Closes in reverse order of starting; each at most once (the hook and the main thread may both get here). */
    private synchronized void closeAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("closing " + started.get(i).getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
        started.clear();
    }

}
