package io.sandboxpipeline.app.run;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sandboxpipeline.app.cli.ConfigOptions;
import io.sandboxpipeline.app.watch.WatchedFolders;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.config.KafkaSettings;
import io.sandboxpipeline.core.ops.OpsServer;
import io.sandboxpipeline.core.ops.OpsSettings;
import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.submitter.SubmitterTopology;
import io.sandboxpipeline.submitter.reputation.LocalReputationHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Runs one stage, or all three, against an existing Kafka until stopped (Ctrl-C / SIGTERM). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run pipeline stages against an external Kafka (production use).",
                "Configuration: --config FILE (properties), then environment variables (SANDBOX_URL, SANDBOX_API_KEY,",
                "KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, TOPIC_PREFIX, SP_<KEY>), then --set KEY=VALUE."})
public final class RunCommand implements Callable<Integer> {

    /** How long the stages get to close on SIGTERM (side by side), so the whole stop stays under 10 s. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(6);

    @Parameters(index = "0", paramLabel = "STAGE", description = "submitter, poller, enricher or all")
    String stage;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Map<String, String> environment;

    public RunCommand() {
        this(System.getenv());
    }

    /** For tests: the environment to read settings from. */
    RunCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Ends {@link #call()} as a SIGTERM would (for tests and embedding). */
    void stop() {
        stopRequested.countDown();
    }

    @Override
    public Integer call() throws InterruptedException {
        List<Stage> stages = Stage.parse(stage);
        // watched folders (watch.dirs) are allowed file:// roots of the submitter without further ado
        ConfigValues values = WatchedFolders.allowWatchedRoots(configOptions.load(environment));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<StageRunner> runners = new java.util.concurrent.CopyOnWriteArrayList<>();
        // up before the stages, so liveness answers while topics are created and state is restored
        // with the submitter here, the ops server also answers reputation look-ups from its verdict cache
        Map<String, com.sun.net.httpserver.HttpHandler> routes = stages.contains(Stage.SUBMITTER)
                ? LocalReputationHandler.create(() -> runners.stream()
                        .filter(runner -> runner.stage().equals(SubmitterTopology.STAGE_NAME)).findFirst().map(StageRunner::streams),
                        KafkaSettings.from(values)).routes()
                : Map.of();
        Optional<OpsServer> ops = OpsServer.startIfEnabled(OpsSettings.from(values), registry::scrape, () -> {
            Map<String, KafkaStreams.State> states = new java.util.LinkedHashMap<>();
            runners.forEach(runner -> states.put(runner.stage(), runner.state()));
            return states;
        }, routes);
        ops.ifPresent(server -> System.err.println("Metrics and health on " + server.baseUri() + " (/metrics, /health/live, /health/ready)"));
        List<AutoCloseable> watchers = new java.util.concurrent.CopyOnWriteArrayList<>();
        Runnable shutdown = () -> {
            watchers.forEach(RunCommand::closeQuietly);
            // side by side and bounded: SIGTERM ends the process within about 10 s, even with the broker gone
            StageRunner.closeAll(runners, STOP_TIMEOUT);
            ops.ifPresent(OpsServer::close);
        };
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            shutdown.run();
        }, "sandbox-pipeline-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        runners.addAll(Stage.startAll(stages, values, registry));
        if (stages.contains(Stage.SUBMITTER)) {
            WatchedFolders.startIfConfigured(values).ifPresent(watchers::add);
        }
        int exit = 0;
        // a stage that stops by itself (e.g. the Sandbox rejected the API key) ends the process with an error
        while (exit == 0 && !stopRequested.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            for (StageRunner runner : runners) {
                KafkaStreams.State state = runner.state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                    System.err.println(runner.stage() + " stopped: " + runner.fatalError().map(Throwable::getMessage).orElse(state.toString()));
                    exit = 2;
                }
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            shutdown.run();
        } catch (IllegalStateException jvmIsShuttingDown) {
            // the hook is closing everything already
        }
        return exit;
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("closing " + resource.getClass().getSimpleName() + " failed: " + e.getMessage());
        }
    }
}
