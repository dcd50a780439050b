package io.sandboxpipeline.app.run;

import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.streams.StageRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one stage, or all three, against an existing Kafka until stopped (Ctrl-C / SIGTERM). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run pipeline stages against an external Kafka (production use).",
                "Configuration: --config FILE (properties), then environment variables (SANDBOX_URL, SANDBOX_API_KEY,",
                "KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, TOPIC_PREFIX, SP_<KEY>), then --set KEY=VALUE."})
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STAGE", description = "submitter, poller, enricher or all")
    String stage;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "A properties file (see README for the keys).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting (not for secrets: use the environment).")
    Map<String, String> overrides = Map.of();

    @Override
    public Integer call() throws InterruptedException {
        List<Stage> stages = Stage.parse(stage);
        ConfigValues values = ConfigValues.load(Optional.ofNullable(config), System.getenv(), overrides);
        List<StageRunner> runners = Stage.startAll(stages, values);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runners.forEach(StageRunner::close);
            stopped.countDown();
        }, "sandbox-pipeline-shutdown"));
        // a stage that stops by itself (e.g. the Sandbox rejected the API key) ends the process with an error
        while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            for (StageRunner runner : runners) {
                KafkaStreams.State state = runner.state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                    System.err.println(runner.stage() + " stopped: " + runner.fatalError().map(Throwable::getMessage).orElse(state.toString()));
                    runners.forEach(StageRunner::close);
                    return 2;
                }
            }
        }
        return 0;
    }
}
