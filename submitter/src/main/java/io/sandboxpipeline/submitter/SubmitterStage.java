package io.sandboxpipeline.submitter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.core.source.S3Objects;
import io.sandboxpipeline.core.streams.DeadLetterBreaker;
import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.core.streams.StageSkeleton;
import io.sandboxpipeline.submitter.ingest.IngestCounts;
import io.sandboxpipeline.submitter.ingest.IngestMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts the submitter as its own Kafka Streams application. */
public final class SubmitterStage {

    private SubmitterStage() {
    }

    public static StageRunner start(SubmitterConfig config) {
        return start(config, new SimpleMeterRegistry());
    }

    /** Starts the stage with its metrics in {@code registry}. */
    public static StageRunner start(SubmitterConfig config, MeterRegistry registry) {
        String stage = SubmitterNames.STAGE_NAME;
        ExecutorService io = Executors.newFixedThreadPool(config.hashThreads(), daemon("submitter-io"));
        Optional<S3Objects> s3 = config.s3().map(S3Objects::new);
        FileSources sources = new FileSources(config.allowedRoots(), config.httpPolicy(), Duration.ofSeconds(30), s3);
        DeadLetterBreaker deadLetters = config.deadLetterBreaker();
        IngestCounts ingestCounts = new IngestCounts();
        IngestMetrics.bind(ingestCounts, registry, stage);
        StageRunner runner = StageSkeleton.of(stage, config.pipeline(), registry).start(parts -> SubmitterTopology.build(
                parts.topics(), config, new SubmitterTopology.Wiring(parts.api(), sources, io, new Random(), parts.limiter(),
                        deadLetters, ingestCounts, parts.metrics())),
                List.of(io::shutdownNow, () -> s3.ifPresent(S3Objects::close)));
        deadLetters.onTrip(runner::pauseFor);
        return runner;
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
