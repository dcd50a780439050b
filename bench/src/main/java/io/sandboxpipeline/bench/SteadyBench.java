package io.sandboxpipeline.bench;

import io.sandboxpipeline.emulator.EmulatorConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The steady-arrival comparison: events arrive at a fixed rate for a fixed time, and the pipeline is compared with the
 * pool script that de-duplicates as a careful writer would ({@link DeduplicatingScript}), both under the same quota
 * (each its own fresh emulator enforcing it; the pipeline is also given it as its own {@code quota.*} settings). The
 * figures are what a steady flow costs and how long it waits: Sandbox calls per verdict, uploads and latency.
 */
final class SteadyBench {

    /** Both systems' figures, with the settings they ran with. */
    record Result(SteadySpec spec, WorkloadSpec workload, Map<String, String> pipelineSettings, SteadyResult pipeline,
                  SteadyResult pool) {

        Result {
            pipelineSettings = Map.copyOf(pipelineSettings);
        }

        boolean complete() {
            return pipeline.complete() && pool.complete();
        }
    }

    private final SandboxSpec mainSandbox;
    private final BaselineSpec baselineSpec;
    private final Map<String, String> overrides;
    private final Duration timeout;
    private final PrintStream out;
    private final Clock clock;

    SteadyBench(SandboxSpec mainSandbox, BaselineSpec baselineSpec, Map<String, String> overrides, Duration timeout,
                PrintStream out, Clock clock) {
        this.mainSandbox = mainSandbox;
        this.baselineSpec = baselineSpec;
        this.overrides = Map.copyOf(overrides);
        this.timeout = timeout;
        this.out = out;
        this.clock = clock;
    }

    Result run(SteadySpec spec, WorkloadSpec mainWorkload, String bootstrap, Path workDir)
            throws IOException, InterruptedException {
        WorkloadSpec workloadSpec = spec.workload(mainWorkload);
        Workload workload = Workload.generate(workloadSpec, workDir.resolve("steady-workload"));
        SandboxSpec sandboxSpec = spec.sandbox(mainSandbox);
        Map<String, String> settings = new LinkedHashMap<>(spec.pipelineQuota());
        settings.putAll(overrides);
        out.printf(Locale.ROOT, "[steady] %d events at %s/s for %d s, %d unique contents, %d known; quota %s%n",
                workloadSpec.events(), spec.ratePerSecond(), spec.duration().toSeconds(), workloadSpec.unique(),
                workloadSpec.knownUnique(), sandboxSpec.hasQuota() ? spec.quotaRps() + " req/s" : "none");
        List<BenchSandbox> sandboxes = BenchSandbox.startTaught(2, sandboxSpec,
                EmulatorConfig.DEFAULT_MAX_UPLOAD_SIZE_BYTES, workload.knownContents(), clock);
        try {
            SteadyResult pipeline = runPipeline(spec, sandboxes.get(0), workload.events(), settings, bootstrap, workDir);
            out.printf(Locale.ROOT, "[steady pipeline] %s%n", summary(pipeline));
            SteadyResult pool = runPool(spec, sandboxes.get(1), workload.events());
            out.printf(Locale.ROOT, "[steady pool]     %s%n", summary(pool));
            return new Result(spec, workloadSpec, settings, pipeline, pool);
        } finally {
            sandboxes.forEach(BenchSandbox::close);
        }
    }

    private SteadyResult runPipeline(SteadySpec spec, BenchSandbox sandbox, List<BenchEvent> events,
                                     Map<String, String> settings, String bootstrap, Path workDir) {
        Set<String> hashes = Workload.uniqueHashes(events);
        Set<String> eventIds = new LinkedHashSet<>();
        events.forEach(event -> eventIds.add(event.eventId()));
        try (PipelineRunner pipeline = PipelineRunner.start(bootstrap, sandbox, workDir.resolve("steady-state"), settings,
                clock);
             VerdictCollector collector = pipeline.collector(flowId -> { })) {
            CallCounts before = sandbox.counts(hashes);
            Instant first = clock.instant();
            out.printf(Locale.ROOT, "[steady pipeline] publishing %d events over %d s%n", events.size(),
                    spec.duration().toSeconds());
            // the collector reads on this thread while the events are published on another, at their own pace
            CompletableFuture<Map<String, Instant>> publishing = CompletableFuture.supplyAsync(
                    () -> pipeline.publish(events, false, spec.spacing()), SteadyBench::publisherThread);
            collector.awaitAll(eventIds, first.plus(spec.duration()).plus(timeout));
            Map<String, Instant> publishedAt = publishing.join();
            CallCounts calls = sandbox.counts(hashes).minus(before);
            List<EventResult> results = PipelineResults.of(collector.terminals(), publishedAt);
            Instant last = results.stream().map(EventResult::decidedAt).max(Instant::compareTo).orElse(clock.instant());
            Instant start = publishedAt.values().stream().min(Instant::compareTo).orElse(first);
            Duration wall = Duration.between(start, results.size() == events.size() ? last : clock.instant());
            return SteadyResult.of("pipeline", events, results, collector.duplicates(), wall, calls);
        }
    }

    private SteadyResult runPool(SteadySpec spec, BenchSandbox sandbox, List<BenchEvent> events)
            throws InterruptedException {
        out.printf(Locale.ROOT, "[steady pool] %d events over %d s on %d threads, de-duplicating%n", events.size(),
                spec.duration().toSeconds(), baselineSpec.poolThreads());
        Set<String> hashes = Workload.uniqueHashes(events);
        CallCounts before = sandbox.counts(hashes);
        ScriptedBaseline.Run run = new ScriptedBaseline(baselineSpec, clock)
                .runDeduplicated(sandbox, events, baselineSpec.poolThreads(), spec.spacing());
        CallCounts calls = sandbox.counts(hashes).minus(before);
        return SteadyResult.of("pool", events, run.results(), 0, run.wall(), calls);
    }

    private static void publisherThread(Runnable publishing) {
        Thread thread = new Thread(publishing, "bench-steady-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    static String summary(SteadyResult r) {
        return String.format(Locale.ROOT, "%d/%d verdicts, %d uploads, %d Sandbox requests (%.2f per verdict, %d "
                        + "answered 429), latency p50 %.2f s, p99 %.2f s%s", r.completed(), r.events(), r.uploads(),
                r.calls().totalRequests(), r.callsPerVerdict(), r.rateLimited(), r.latency().p50().toMillis() / 1000.0,
                r.latency().p99().toMillis() / 1000.0, r.complete() ? "" : "  (INCOMPLETE)");
    }
}
