package io.sandboxpipeline.bench;

import io.sandboxpipeline.emulator.EmulatorConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The main comparison: one workload through the pipeline (embedded Kafka, emulator) and through the pool and
 * sequential baselines (the same client against the same kind of emulator), each against its own fresh emulator.
 */
final class PipelineBench {

    /**
     * The three systems' figures on one workload. The sequential script runs on a sample of the events with the
     * workload's own share of reputation-known contents ({@link Workload#representativeSample}), so its measured rate
     * stands for the whole workload.
     */
    record Comparison(SystemResult pipeline, SystemResult pool, SystemResult sequential, boolean exactlyOnce) {

        double pipelineOverSequential() {
            return ratio(pipeline.eventsPerSecond(), sequential.eventsPerSecond());
        }

        double pipelineOverPool() {
            return ratio(pipeline.eventsPerSecond(), pool.eventsPerSecond());
        }

        private static double ratio(double a, double b) {
            return b == 0 ? 0.0 : a / b;
        }
    }

    private final SandboxSpec sandboxSpec;
    private final BaselineSpec baselineSpec;
    private final Map<String, String> overrides;
    private final Duration timeout;
    private final PrintStream out;
    private final Clock clock;

    PipelineBench(SandboxSpec sandboxSpec, BaselineSpec baselineSpec, Map<String, String> overrides, Duration timeout,
                  PrintStream out, Clock clock) {
        this.sandboxSpec = sandboxSpec;
        this.baselineSpec = baselineSpec;
        this.overrides = Map.copyOf(overrides);
        this.timeout = timeout;
        this.out = out;
        this.clock = clock;
    }

    Comparison run(WorkloadSpec spec, String bootstrap, Path workDir) throws IOException, InterruptedException {
        Workload workload = Workload.generate(spec, workDir.resolve("workload"));
        out.printf(Locale.ROOT, "[pipeline] workload: %d events, %d unique contents, %d known to reputation; teaching 3 emulators%n",
                spec.events(), spec.unique(), spec.knownUnique());
        List<BenchSandbox> sandboxes = BenchSandbox.startTaught(3, sandboxSpec, EmulatorConfig.DEFAULT_MAX_UPLOAD_SIZE_BYTES,
                workload.knownContents(), clock);
        try {
            PipelineOutcome pipeline = runPipeline(sandboxes.get(0), workload.events(), bootstrap, workDir);
            out.printf(Locale.ROOT, "[pipeline] %s%n", summary(pipeline.result()));
            SystemResult pool = runScripts("pool", sandboxes.get(1), workload.events(), baselineSpec.poolThreads()).result();
            out.printf(Locale.ROOT, "[pool]     %s%n", summary(pool));
            List<BenchEvent> sample = workload.representativeSample(baselineSpec.sequentialEvents());
            ScriptOutcome sequential = runScripts("sequential", sandboxes.get(2), sample, 1);
            out.printf(Locale.ROOT, "[seq]      %s%n", summary(sequential.result()));
            return new Comparison(pipeline.result(), pool, sequential.result(), pipeline.exactlyOnce());
        } finally {
            sandboxes.forEach(BenchSandbox::close);
        }
    }

    private record PipelineOutcome(SystemResult result, boolean exactlyOnce) {
    }

    private PipelineOutcome runPipeline(BenchSandbox sandbox, List<BenchEvent> events, String bootstrap, Path workDir) {
        Set<String> hashes = Workload.uniqueHashes(events);
        out.println("[pipeline] starting the three stages");
        try (PipelineRunner pipeline = PipelineRunner.start(bootstrap, sandbox, workDir.resolve("state"), overrides, clock);
             PollCounter counter = new PollCounter(sandbox.emulator(), sandboxSpec.scanDuration(), clock);
             VerdictCollector collector = pipeline.collector(counter::track)) {
            CallCounts before = sandbox.counts(hashes);
            HeapWatch heap = HeapWatch.start();
            out.printf(Locale.ROOT, "[pipeline] publishing %d events%n", events.size());
            Map<String, Instant> publishedAt = pipeline.publish(events, false);
            Instant first = publishedAt.values().stream().min(Instant::compareTo).orElseThrow();
            collector.awaitAll(publishedAt.keySet(), first.plus(timeout));
            HeapWatch.Peak peak = heap.stop();
            CallCounts calls = sandbox.counts(hashes).minus(before);
            List<EventResult> results = PipelineResults.of(collector.terminals(), publishedAt);
            Instant last = results.stream().map(EventResult::decidedAt).max(Instant::compareTo).orElse(clock.instant());
            boolean complete = results.size() == events.size();
            Duration wall = Duration.between(first, complete ? last : clock.instant());
            FlowPolls polls = FlowPolls.ofPipeline(counter.trackedFlows(), counter, true);
            SystemResult result = SystemResult.of("pipeline", events, results, collector.duplicates(), wall, calls,
                    polls, minPolls(), floor(events), peak);
            return new PipelineOutcome(result, pipeline.exactlyOnce());
        }
    }

    private record ScriptOutcome(SystemResult result, ScriptedBaseline.Run run) {
    }

    private ScriptOutcome runScripts(String name, BenchSandbox sandbox, List<BenchEvent> events, int threads)
            throws InterruptedException {
        out.printf(Locale.ROOT, "[%s] running %d events on %d thread(s)%n", name, events.size(), threads);
        Set<String> hashes = Workload.uniqueHashes(events);
        CallCounts before = sandbox.counts(hashes);
        HeapWatch heap = HeapWatch.start();
        ScriptedBaseline.Run run = new ScriptedBaseline(baselineSpec, clock).run(sandbox, events, threads);
        HeapWatch.Peak peak = heap.stop();
        CallCounts calls = sandbox.counts(hashes).minus(before);
        List<String> flowIds = run.results().stream().map(EventResult::flowId).filter(id -> id != null).toList();
        FlowPolls polls = FlowPolls.ofScripts(flowIds, flowId -> sandbox.emulator().stats().reportPolls(flowId));
        return new ScriptOutcome(SystemResult.of(name, events, run.results(), 0, run.wall(), calls, polls, minPolls(),
                floor(events), peak), run);
    }

    private int minPolls() {
        return MinPolls.forService(sandboxSpec);
    }

    private Duration floor(List<BenchEvent> events) {
        return MakespanFloor.of(sandboxSpec, Workload.uniqueHashes(events).size(), Workload.scannedHashes(events).size());
    }

    static String summary(SystemResult result) {
        return String.format(Locale.ROOT, "%d/%d events in %.1f s = %.2f events/s, %d uploads, %d Sandbox requests%s",
                result.completed(), result.events(), result.wallSeconds(), result.eventsPerSecond(),
                result.submissions(), result.calls().totalRequests(), result.complete() ? "" : "  (INCOMPLETE)");
    }
}
