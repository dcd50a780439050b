package io.sandboxpipeline.submitter;

import io.micrometer.core.instrument.MeterRegistry;
import io.sandboxpipeline.client.SandboxClient;
import io.sandboxpipeline.core.metrics.MeteredSandboxApi;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.metrics.QuotaMetrics;
import io.sandboxpipeline.core.metrics.StreamsMetricsBinding;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.core.source.S3Objects;
import io.sandboxpipeline.core.streams.DeadLetterBreaker;
import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.submitter.ingest.IngestCounts;
import io.sandboxpipeline.submitter.ingest.IngestMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Starts the submitter as its own Kafka Streams application. */
public final class SubmitterStage {

    private SubmitterStage() {
    }

    public static StageRunner start(SubmitterConfig config) {
        return start(config, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /** Starts the stage with its metrics in {@code registry}. */
    public static StageRunner start(SubmitterConfig config, MeterRegistry registry) {
        SandboxClient client = SandboxClient.create(config.pipeline().sandbox().clientConfig());
        String stage = SubmitterTopology.STAGE_NAME;
        QuotaLimiter limiter = new QuotaLimiter(config.pipeline().quota());
        ExecutorService io = Executors.newFixedThreadPool(config.hashThreads(), daemon("submitter-io"));
        java.util.Optional<S3Objects> s3 = config.s3().map(S3Objects::new);
        FileSources sources = new FileSources(config.allowedRoots(), config.httpPolicy(), Duration.ofSeconds(30), s3);
        PipelineTopics topics = new PipelineTopics(config.pipeline().topics(), config.pipeline().serdeConfig());
        DeadLetterBreaker deadLetters = config.deadLetterBreaker();
        IngestCounts ingestCounts = new IngestCounts();
        IngestMetrics.bind(ingestCounts, registry, stage);
        SubmitterTopology.Wiring wiring = new SubmitterTopology.Wiring(new MeteredSandboxApi(SandboxApi.of(client), registry, stage),
                sources, io, new Random(), limiter, deadLetters, ingestCounts, new PipelineMetrics(registry, stage));
        StageRunner runner = StageRunner.start(SubmitterTopology.STAGE_NAME, SubmitterTopology.build(topics, config, wiring),
                config.pipeline().kafka(), config.pipeline().topics(),
                List.of(client, io::shutdownNow, () -> s3.ifPresent(S3Objects::close),
                        QuotaMetrics.bind(limiter, registry, stage, java.time.Clock.systemUTC())));
        runner.closeWith(StreamsMetricsBinding.bind(runner.streams(), registry, stage));
        deadLetters.onTrip(runner::pauseFor);
        return runner;
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
