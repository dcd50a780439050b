package io.sandboxpipeline.bench;

import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.EmulatorStats;
import io.sandboxpipeline.emulator.Endpoint;
import io.sandboxpipeline.schemas.Lane;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The backlog mode: does the pipeline's cost and live service stay flat while a large replay backlog waits behind an
 * upload quota? Live events run throughout; after an idle phase (their reference latency), a small part of the backlog
 * is published and a window measures the submitter; then the rest, and the same window again. Each window measures the
 * submitter's stream-thread CPU, the uploads the emulator accepted, and the heap retained just before and after it.
 */
final class BacklogBench {

    /** Unread input records the submitter may still have when a part counts as read (transaction markers, live events). */
    static final long LAG_SLACK = 50;

    private final SandboxSpec sandboxSpec;
    private final Map<String, String> overrides;
    private final PrintStream out;
    private final Clock clock;

    BacklogBench(SandboxSpec sandboxSpec, Map<String, String> overrides, PrintStream out, Clock clock) {
        this.sandboxSpec = sandboxSpec;
        this.overrides = Map.copyOf(overrides);
        this.out = out;
        this.clock = clock;
    }

    BacklogResult run(BacklogSpec spec, String bootstrap, Path workDir) throws InterruptedException {
        GeneratedFiles backlog = new GeneratedFiles(workDir.resolve("backlog-files"), "backlog", spec.seed(), spec.fileSize());
        GeneratedFiles liveFiles = new GeneratedFiles(workDir.resolve("backlog-files"), "live", spec.seed(), spec.fileSize());
        Instant writing = clock.instant();
        backlog.write(0, spec.events());
        out.printf(Locale.ROOT, "[backlog] wrote %d files of %d bytes in %.1f s%n", spec.events(), spec.fileSize(),
                seconds(writing));
        Map<String, String> settings = new HashMap<>(overrides);
        settings.put("quota.upload.per.second", Double.toString(spec.quota()));
        try (BenchSandbox sandbox = BenchSandbox.start(sandboxSpec, EmulatorConfig.DEFAULT_MAX_UPLOAD_SIZE_BYTES,
                spec.sandboxEnforces() ? spec.quota() : 0);
             PipelineRunner pipeline = PipelineRunner.start(bootstrap, sandbox, workDir.resolve("state"), settings, clock);
             SubmitterLag lag = pipeline.submitterLag();
             LiveTraffic live = new LiveTraffic(liveFiles, pipeline, spec.liveInterval(), clock)) {
            EmulatorStats stats = sandbox.emulator().stats();
            SubmitterCpu cpu = new SubmitterCpu(pipeline::submitterThreadNames);
            out.printf(Locale.ROOT, "[backlog] idle: live events only, one every %.1f s, for %.0f s%n",
                    spec.liveInterval().toMillis() / 1000.0, spec.idle().toMillis() / 1000.0);
            Thread.sleep(spec.idle().toMillis());
            // the idle events' verdicts come before any backlog, so none of them waits behind it; events published
            // meanwhile count as small-ingest events
            live.enter(BacklogPhase.SMALL_INGEST);
            live.awaitVerdicts(BacklogPhase.IDLE, spec.drainTimeout());

            long callsAtStart = reputationCalls(stats);
            long askedAtStart = stats.reputationHashesAsked();
            long distinctAtStart = stats.distinctReputationHashesAsked();
            long uploadsAtStart = stats.submissions();
            Ingest small = publish(pipeline, lag, backlog, 0, spec.smallEvents(), spec.ingestTimeout());
            live.enter(BacklogPhase.SMALL);
            BacklogResult.Window smallWindow = measure("small", spec, cpu, stats,
                    spec.smallEvents() - (stats.submissions() - uploadsAtStart));
            live.enter(BacklogPhase.LARGE_INGEST);
            Ingest large = publish(pipeline, lag, backlog, spec.smallEvents(), spec.events(), spec.ingestTimeout());
            live.enter(BacklogPhase.LARGE);
            BacklogResult.Window largeWindow = measure("large", spec, cpu, stats,
                    spec.events() - (stats.submissions() - uploadsAtStart));
            BacklogResult.Reputation reputation = new BacklogResult.Reputation(reputationCalls(stats) - callsAtStart,
                    stats.reputationHashesAsked() - askedAtStart, stats.distinctReputationHashesAsked() - distinctAtStart);

            out.printf(Locale.ROOT, "[backlog] waiting up to %.0f s for the last live verdicts%n",
                    spec.drainTimeout().toMillis() / 1000.0);
            LiveTraffic.Latencies latencies = live.finish(spec.drainTimeout());
            return new BacklogResult(spec, smallWindow, largeWindow, small.took(), large.took(),
                    small.read() && large.read(), latencies, reputation, pipeline.exactlyOnce());
        }
    }

    /** How long the submitter took to read a published part, and whether it did within the timeout. */
    private record Ingest(Duration took, boolean read) {
    }

    private Ingest publish(PipelineRunner pipeline, SubmitterLag lag, GeneratedFiles files, int from, int to,
                           Duration timeout) throws InterruptedException {
        out.printf(Locale.ROOT, "[backlog] publishing replay events %d to %d (sha256 and size carried)%n", from, to - 1);
        Instant start = clock.instant();
        try (ArrivalPublisher publisher = pipeline.publisher()) {
            for (int index = from; index < to; index++) {
                publisher.publish(files.item(index), true, Lane.REPLAY);
            }
            publisher.flush();
        }
        Instant deadline = clock.instant().plus(timeout);
        long unread = lag.records();
        while (unread > LAG_SLACK && clock.instant().isBefore(deadline)) {
            Thread.sleep(500);
            unread = lag.records();
        }
        boolean read = unread <= LAG_SLACK;
        out.printf(Locale.ROOT, "[backlog] the submitter %s %d events in %.1f s%s%n", read ? "read" : "had NOT read",
                to - from, seconds(start), read ? "" : " (" + unread + " records unread; measuring anyway)");
        return new Ingest(Duration.between(start, clock.instant()), read);
    }

    private BacklogResult.Window measure(String name, BacklogSpec spec, SubmitterCpu cpu, EmulatorStats stats,
                                         long pending) throws InterruptedException {
        long heapBefore = HeapWatch.retainedBytes();
        out.printf(Locale.ROOT, "[backlog] %s window: %.0f s with about %d backlog events pending (retained heap %d MiB)%n",
                name, spec.window().toMillis() / 1000.0, pending, heapBefore >> 20);
        long uploads = stats.submissions();
        long requests = stats.requests(Endpoint.SCAN_FILE);
        long refused = refusals(stats);
        long processCpu = processCpuNanos();
        SubmitterCpu.Reading start = cpu.read();
        Thread.sleep(spec.window().toMillis());
        SubmitterCpu.Reading end = cpu.read();
        long processCpuUsed = processCpuNanos() - processCpu;
        Duration length = Duration.ofNanos(end.wallNanos() - start.wallNanos());
        BacklogResult.Window window = new BacklogResult.Window(length, pending,
                SubmitterCpu.secondsPerSecond(start, end), processCpuUsed / (double) length.toNanos(),
                stats.submissions() - uploads, stats.requests(Endpoint.SCAN_FILE) - requests, refusals(stats) - refused,
                heapBefore, HeapWatch.retainedBytes());
        out.printf(Locale.ROOT, "[backlog] %s window: submitter %.3f CPU s/s, %.2f uploads/s (%d answered 429)%n", name,
                window.submitterCpuPerSecond(), window.uploadsPerSecond(), window.refused());
        return window;
    }

    private static long reputationCalls(EmulatorStats stats) {
        return stats.requests(Endpoint.REPUTATION_HASH) + stats.requests(Endpoint.REPUTATION_HASH_BULK);
    }

    /** 429 answers; in this mode only uploads can get one (the emulator has an upload quota and no other). */
    private static long refusals(EmulatorStats stats) {
        return stats.responsesByStatus().getOrDefault(429, 0L);
    }

    /** CPU time of this whole JVM, or 0 when the platform does not tell. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    private double seconds(Instant since) {
        return Duration.between(since, clock.instant()).toMillis() / 1000.0;
    }
}
