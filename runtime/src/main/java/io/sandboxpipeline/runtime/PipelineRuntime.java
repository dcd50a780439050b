package io.sandboxpipeline.runtime;

import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.ops.OpsServer;
import io.sandboxpipeline.core.ops.OpsSettings;
import io.sandboxpipeline.core.streams.KafkaSettings;
import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.runtime.watch.WatchedFolders;
import io.sandboxpipeline.submitter.SubmitterNames;
import io.sandboxpipeline.submitter.lookup.LocalReputationHandler;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The stages of one process with what serves them: the ops endpoint (metrics, health, the submitter's reputation
 * look-ups, extra pages) and the watched folders. {@code run} and {@code up} both run the pipeline through it.
 */
public final class PipelineRuntime implements AutoCloseable {

    /** How long the stages get to close on SIGTERM (side by side), so the whole stop stays under 10 s. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(6);

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<StageRunner> runners = new CopyOnWriteArrayList<>();
    /** Closed before the stages: the watched folders and what pages started. */
    private final List<AutoCloseable> closedFirst = new CopyOnWriteArrayList<>();
    private Optional<OpsServer> ops = Optional.empty();
    private boolean closed;

    private PipelineRuntime() {
    }

    /**
     * Starts the ops endpoint (before the stages, so liveness answers while topics are created and state restored),
     * then the stages, then the watched folders when the submitter runs here.
     *
     * @param pages further ops routes, given the runtime (e.g. a status page that reads its meters)
     */
    public static PipelineRuntime start(List<Stage> stages, ConfigValues values,
                                        Function<PipelineRuntime, Map<String, HttpHandler>> pages) {
        PipelineRuntime runtime = new PipelineRuntime();
        try {
            Map<String, HttpHandler> routes = new HashMap<>(pages.apply(runtime));
            if (stages.contains(Stage.SUBMITTER)) {
                // with the submitter here, the ops server also answers reputation look-ups from its verdict cache
                routes.putAll(LocalReputationHandler.create(() -> runtime.runners.stream()
                        .filter(r -> r.stage().equals(SubmitterNames.STAGE_NAME)).findFirst()
                        .map(StageRunner::streams), KafkaSettings.from(values)).routes());
            }
            runtime.ops = OpsServer.startIfEnabled(OpsSettings.from(values), runtime.meters::scrape,
                    runtime::states, routes);
            runtime.runners.addAll(Stage.startAll(stages, values, runtime.meters));
            if (stages.contains(Stage.SUBMITTER)) {
                WatchedFolders.startIfConfigured(values).ifPresent(runtime.closedFirst::add);
            }
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** Closes {@code resource} with the runtime, before the stages (e.g. a consumer a page started). */
    public void closeWith(AutoCloseable resource) {
        closedFirst.add(resource);
    }

    /** Each stage's Kafka Streams state, by stage name. */
    public Map<String, KafkaStreams.State> states() {
        Map<String, KafkaStreams.State> states = new LinkedHashMap<>();
        runners.forEach(runner -> states.put(runner.stage(), runner.state()));
        return states;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** Where the ops endpoint listens, if enabled. */
    public Optional<URI> opsUri() {
        return ops.map(OpsServer::baseUri);
    }

    /**
     * Waits until {@code stop} is counted down, or a stage stops by itself (e.g. the Sandbox rejected the API key).
     *
     * @return 0 after a requested stop, 2 when a stage stopped by itself (its reason printed on stderr)
     */
    public int awaitStop(CountDownLatch stop) throws InterruptedException {
        while (!stop.await(1, TimeUnit.SECONDS)) {
            for (StageRunner runner : runners) {
                KafkaStreams.State state = runner.state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                    System.err.println(runner.stage() + " stopped: "
                            + runner.fatalError().map(Throwable::getMessage).orElse(state.toString()));
                    return 2;
                }
            }
        }
        return 0;
    }

    /** Stops the watched folders and what pages started, then the stages side by side (bounded, also with the broker gone), then the ops endpoint. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closedFirst.forEach(PipelineRuntime::closeQuietly);
        StageRunner.closeAll(runners, STOP_TIMEOUT);
        ops.ifPresent(OpsServer::close);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("closing " + resource.getClass().getSimpleName() + " failed: " + e.getMessage());
        }
    }
}
