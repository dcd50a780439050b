package io.sandboxpipeline.bench;

import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.streams.KafkaSettings;
import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.runtime.Stage;
import io.sandboxpipeline.schemas.Lane;
import io.sandboxpipeline.serde.SchemaRegistries;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * The pipeline under test: its three stages, started in this JVM with the pipeline's own defaults (only where the
 * topics, state and Sandbox are is set, plus the user's {@code --set} overrides), on their own topic prefix and
 * application ids, against one {@link BenchSandbox}. Publishes events and collects their terminal records.
 */
final class PipelineRunner implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrap;
    private final String scope;
    private final ConfigValues config;
    private final PipelineTopics topics;
    private final List<StageRunner> stages;
    private final Clock clock;

    private PipelineRunner(String bootstrap, String scope, ConfigValues config, List<StageRunner> stages, Clock clock) {
        this.bootstrap = bootstrap;
        this.scope = scope;
        this.config = config;
        this.topics = new PipelineTopics(TopicNames.from(config), Map.of("schema.registry.url", "mock://" + scope));
        this.stages = stages;
        this.clock = clock;
    }

    /** Starts the stages and returns once all three are running. */
    static PipelineRunner start(String bootstrap, BenchSandbox sandbox, Path stateDir, Map<String, String> overrides,
                                Clock clock) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String scope = "bench-" + id;
        Map<String, String> values = new HashMap<>();
        values.put("kafka.bootstrap.servers", bootstrap);
        values.put("kafka.application.id.prefix", "bench-" + id + "-");
        values.put("topic.prefix", "bench-" + id + ".");
        values.put("kafka.state.dir", stateDir.resolve(id).toString());
        values.put("schema.registry.url", "mock://" + scope);
        values.put("sandbox.url", sandbox.baseUrl());
        values.put("sandbox.api.key", sandbox.apiKey());
        // the workload's files lie next to the state directory, in the benchmark's own work directory
        values.put("submitter.allowed.roots", stateDir.getParent().toString());
        values.putAll(overrides);
        ConfigValues config = ConfigValues.of(values);
        SchemaRegistries.mockScope(scope);
        List<StageRunner> stages = Stage.startAll(List.of(Stage.values()), config);
        PipelineRunner runner = new PipelineRunner(bootstrap, scope, config, stages, clock);
        try {
            runner.awaitRunning();
            return runner;
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    private void awaitRunning() {
        Instant deadline = clock.instant().plus(STARTUP_TIMEOUT);
        while (!stages.stream().allMatch(stage -> stage.state() == KafkaStreams.State.RUNNING)) {
            stages.forEach(stage -> stage.fatalError().ifPresent(error -> {
                throw new IllegalStateException("the " + stage.stage() + " stage stopped: " + error.getMessage());
            }));
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("the pipeline's stages did not reach RUNNING within " + STARTUP_TIMEOUT);
            }
            sleepBriefly();
        }
    }

    /** Whether the stages run with exactly-once ({@code kafka.exactly.once}). */
    boolean exactlyOnce() {
        return KafkaSettings.from(config).exactlyOnce();
    }

    /** A publisher of single events (for events that are not to be remembered, or are published over time). */
    ArrivalPublisher publisher() {
        return new ArrivalPublisher(bootstrap, topics, clock);
    }

    /** The names of the submitter stage's stream threads now (Kafka Streams names them; a replaced one is renamed). */
    Set<String> submitterThreadNames() {
        return submitter().streams().metadataForLocalThreads().stream()
                .map(ThreadMetadata::threadName)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A reader of how many records of its inputs the submitter has yet to read. */
    SubmitterLag submitterLag() {
        return new SubmitterLag(bootstrap, KafkaSettings.from(config).applicationId(Stage.SUBMITTER.id()),
                List.of(topics.fileArrivals().name(), topics.scanRequests().name()));
    }

    private StageRunner submitter() {
        return stages.stream().filter(stage -> stage.stage().equals(Stage.SUBMITTER.id())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the submitter stage is not running here"));
    }

    /** Opens a reader of the terminal topics positioned at their end, before anything is published. */
    VerdictCollector collector(Consumer<String> flowListener) {
        return new VerdictCollector(bootstrap, topics, flowListener, clock);
    }

    /**
     * Publishes one file-arrival event per entry, in order, and returns when each was handed to the producer.
     *
     * @param withHash whether events carry the sha256 and size (as some storage systems provide them)
     */
    Map<String, Instant> publish(List<BenchEvent> events, boolean withHash) {
        return publish(events, withHash, Duration.ZERO);
    }

    /**
     * Publishes one event every {@code spacing} (the first at once, each at its turn however long the one before took)
     * and returns when the last was handed to the producer; zero spacing publishes them in one burst.
     */
    Map<String, Instant> publish(List<BenchEvent> events, boolean withHash, Duration spacing) {
        Map<String, Instant> publishedAt = new LinkedHashMap<>();
        try (ArrivalPublisher publisher = publisher()) {
            Instant start = clock.instant();
            for (int i = 0; i < events.size(); i++) {
                BenchEvent event = events.get(i);
                awaitTurn(start.plus(spacing.multipliedBy(i)), publisher);
                publishedAt.put(event.eventId(), publisher.publish(event.eventId(), event.file(),
                        withHash ? event.sha256() : null, withHash ? event.file().toFile().length() : null, Lane.LIVE));
            }
            publisher.flush();
        }
        return publishedAt;
    }

    /** Sleeps until {@code turn}, after sending what the producer holds so that an event leaves when it arrives. */
    private void awaitTurn(Instant turn, ArrivalPublisher publisher) {
        long waitMs = Duration.between(clock.instant(), turn).toMillis();
        if (waitMs <= 0) {
            return;
        }
        publisher.flush();
        waitMs = Duration.between(clock.instant(), turn).toMillis();
        try {
            Thread.sleep(Math.max(0, waitMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing at a steady rate", e);
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the stages to start", e);
        }
    }

    @Override
    public void close() {
        // closed side by side: each stage may wait for its in-flight work, and they do not depend on each other
        stages.stream()
                .map(stage -> CompletableFuture.runAsync(() -> stage.close(Duration.ofSeconds(10))))
                .toList()
                .forEach(CompletableFuture::join);
        SchemaRegistries.dropScope(scope);
    }
}
