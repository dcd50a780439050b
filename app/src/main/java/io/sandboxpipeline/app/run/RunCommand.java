package io.sandboxpipeline.app.run;

import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.runtime.PipelineRuntime;
import io.sandboxpipeline.runtime.Stage;
import io.sandboxpipeline.runtime.StatusPage;
import io.sandboxpipeline.runtime.watch.WatchedFolders;
import io.sandboxpipeline.tools.cli.ConfigOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Runs one stage, or all three, against an existing Kafka until stopped (Ctrl-C / SIGTERM). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run pipeline stages against an external Kafka (production use).",
                "Configuration: --config FILE (properties), then environment variables (SANDBOX_URL, SANDBOX_API_KEY,",
                "KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, TOPIC_PREFIX, SP_<KEY>), then --set KEY=VALUE."})
public final class RunCommand implements Callable<Integer> {

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
        PipelineRuntime[] started = new PipelineRuntime[1];
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            synchronized (started) {
                if (started[0] != null) {
                    started[0].close();
                }
            }
        }, "sandbox-pipeline-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PipelineRuntime runtime = PipelineRuntime.start(stages, values, r -> StatusPage.routes(r, values));
        synchronized (started) {
            started[0] = runtime;
        }
        runtime.opsUri().ifPresent(uri -> System.err.println("Status, metrics and health on " + uri
                + " (/, /metrics, /health/live, /health/ready)"));
        int exit = runtime.awaitStop(stopRequested);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            runtime.close();
        } catch (IllegalStateException jvmIsShuttingDown) {
            // the hook is closing everything already
        }
        return exit;
    }
}
