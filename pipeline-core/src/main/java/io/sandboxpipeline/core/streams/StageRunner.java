package io.sandboxpipeline.core.streams;

import io.sandboxpipeline.core.sandbox.SandboxUnauthorized;
import io.sandboxpipeline.core.streams.KafkaSettings;
import io.sandboxpipeline.core.topic.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stage's topology: creates missing topics, starts Kafka Streams with the pipeline's error policy, and
 * closes the stage's resources (Sandbox client, worker pools) after the streams have stopped.
 */
public final class StageRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);

    private final String stage;
    private final KafkaStreams streams;
    private final List<AutoCloseable> resources;
    private volatile Throwable fatalError;
    private final ScheduledExecutorService resumer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "stage-resumer");
        thread.setDaemon(true);
        return thread;
    });

    private StageRunner(String stage, KafkaStreams streams, List<AutoCloseable> resources) {
        this.stage = stage;
        this.streams = streams;
        this.resources = resources;
    }

    /**
     * Starts the stage.
     *
     * @param resources closed after the streams stop, in reverse order
     */
    public static StageRunner start(String stage, Topology topology, KafkaSettings kafka, TopicNames names, List<AutoCloseable> resources) {
        createTopics(kafka, names);
        KafkaStreams streams = new KafkaStreams(topology, StreamsSettings.of(kafka, stage));
        StageRunner runner = new StageRunner(stage, streams, new ArrayList<>(resources));
        streams.setUncaughtExceptionHandler(runner::onUncaught);
        streams.setStateListener((next, previous) -> LOG.info("{} stage: {} -> {}", stage, previous, next));
        streams.start();
        return runner;
    }

    private static void createTopics(KafkaSettings kafka, TopicNames names) {
        Map<String, Object> adminConfig = new HashMap<>(kafka.passthrough());
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(adminConfig)) {
            List<String> created = TopicProvisioner.createMissing(admin, names, kafka.partitions(), kafka.replicationFactor(),
                    kafka.compression());
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
            TopicProvisioner.outputsInOtherCodecs(admin, names, kafka.compression()).forEach((topic, codec) -> LOG.warn(
                    "output topic {} has compression.type={}: consumers without codec plugins (kafkajs) may fail to read it;"
                    + " kafka-configs.sh --alter --entity-type topics --entity-name {} --add-config compression.type={}",
                    topic, codec, topic, kafka.compression().output()));
        }
    }

    private StreamThreadExceptionResponse onUncaught(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && !(root instanceof SandboxUnauthorized)) {
            root = root.getCause();
        }
        if (root instanceof SandboxUnauthorized) {
            fatalError = root;
            LOG.error("{}", root.getMessage());
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        // work lives in changelogged stores: a replaced thread resumes it from the last commit
        LOG.error("{} stage: a stream thread failed; replacing it", stage, error);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /**
     * Stops processing for a while (the stage stays in its group, records wait in Kafka), then resumes by itself.
     * Safe to call from a stream thread: the pause itself happens on another thread.
     */
    public void pauseFor(Duration cooldown) {
        resumer.execute(streams::pause);
        resumer.schedule(() -> {
            LOG.info("{} stage: resuming after a {} s pause", stage, cooldown.toSeconds());
            streams.resume();
        }, cooldown.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Something to close with the stage, after its streams stopped (e.g. metric bindings made after the start). */
    public void closeWith(AutoCloseable resource) {
        resources.add(resource);
    }

    public boolean isPaused() {
        return streams.isPaused();
    }

    public String stage() {
        return stage;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The error that stopped the stage for good (a rejected API key), if any. */
    public Optional<Throwable> fatalError() {
        return Optional.ofNullable(fatalError);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /**
     * Closes the stages side by side, each within {@code timeout}, and returns when all are closed or the timeout (plus a
     * second for their resources) has passed: a stage that cannot reach the broker must not hold the others, nor the
     * process, for its whole own timeout.
     */
    public static void closeAll(List<StageRunner> runners, Duration timeout) {
        List<Thread> closing = new ArrayList<>();
        for (StageRunner runner : runners) {
            Thread thread = new Thread(() -> runner.close(timeout), runner.stage + "-close");
            thread.setDaemon(true);
            thread.start();
            closing.add(thread);
        }
        long deadline = System.nanoTime() + timeout.plusSeconds(1).toNanos();
        for (Thread thread : closing) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        closing.stream().filter(Thread::isAlive).forEach(thread -> LOG.warn("{} did not finish within {} s; exiting anyway"
                + " (work not committed is redone from the changelogs at the next start)", thread.getName(), timeout.toSeconds()));
    }

    public void close(Duration timeout) {
        resumer.shutdownNow();
        // leaving the group lets the remaining instances (or this one, restarted) take over the partitions at once
        // instead of after the session timeout
        streams.close(CloseOptions.timeout(timeout).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("{} stage: closing {} failed: {}", stage, resources.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
