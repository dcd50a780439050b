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
import java.util.TreeMap;

/**
 * Cache-hit throughput: after a warm-up that scans every content once and waits for the verdicts, events that only
 * repeat those contents are published in one burst and timed from the first publish to the last verdict; this is done
 * twice on the same pipeline, first with events that carry the sha256 and size (as storage events often do: the
 * pipeline need not read the files), then with events that do not (the pipeline reads and hashes every file). A
 * pipeline that remembers verdicts by sha256 answers them without a Sandbox call; one that does not scans them all
 * again, which the Sandbox call counts of the measured phases show.
 */
final class CacheBench {

    /**
     * The cache-hit figures of both phases.
     *
     * @param carriedSha256 events carry sha256 and size
     * @param hashed        events carry neither: the pipeline hashes every file
     */
    record Result(CacheSpec spec, Duration warmUp, boolean warmUpComplete, boolean exactlyOnce, CachePhase carriedSha256,
                  CachePhase hashed) {

        boolean complete() {
            return carriedSha256.complete() && hashed.complete();
        }
    }

    private final SandboxSpec sandboxSpec;
    private final Map<String, String> overrides;
    private final PrintStream out;
    private final Clock clock;

    CacheBench(SandboxSpec sandboxSpec, Map<String, String> overrides, PrintStream out, Clock clock) {
        this.sandboxSpec = sandboxSpec;
        this.overrides = Map.copyOf(overrides);
        this.out = out;
        this.clock = clock;
    }

    Result run(CacheSpec spec, int fileSizeBytes, long seed, String bootstrap, Path workDir)
            throws IOException {
        Workload workload = Workload.generate(new WorkloadSpec(spec.events(), spec.unique(), 0.0, fileSizeBytes, seed),
                workDir.resolve("cache-workload"));
        List<BenchEvent> warmEvents = workload.contents().stream()
                .map(content -> new BenchEvent("warm-" + content.file().getFileName(), content.file(), content))
                .toList();
        try (BenchSandbox sandbox = BenchSandbox.start(sandboxSpec, EmulatorConfig.DEFAULT_MAX_UPLOAD_SIZE_BYTES);
             PipelineRunner pipeline = PipelineRunner.start(bootstrap, sandbox, workDir.resolve("state"), overrides, clock);
             VerdictCollector collector = pipeline.collector(flowId -> { })) {
            out.printf(Locale.ROOT, "[cache] warm-up: scanning %d contents once%n", warmEvents.size());
            Instant warmStart = clock.instant();
            Map<String, Instant> warmPublished = pipeline.publish(warmEvents, true);
            collector.awaitAll(warmPublished.keySet(), warmStart.plus(spec.timeout()));
            Duration warmUp = Duration.between(warmStart, clock.instant());
            boolean warmComplete = collector.terminals().keySet().containsAll(warmPublished.keySet());

            CachePhase carried = measure(spec, workload.events(), true, sandbox, pipeline, collector);
            // the same files under new event ids: every event is new to the pipeline, every content still cached
            List<BenchEvent> renamed = workload.events().stream()
                    .map(event -> new BenchEvent("h" + event.eventId(), event.file(), event.content()))
                    .toList();
            CachePhase hashed = measure(spec, renamed, false, sandbox, pipeline, collector);
            return new Result(spec, warmUp, warmComplete, pipeline.exactlyOnce(), carried, hashed);
        }
    }

    private CachePhase measure(CacheSpec spec, List<BenchEvent> events, boolean carrySha256, BenchSandbox sandbox,
                               PipelineRunner pipeline, VerdictCollector collector) {
        String label = carrySha256 ? "events carry sha256" : "the pipeline hashes every file";
        CallCounts before = sandbox.counts(Workload.uniqueHashes(events));
        int duplicatesBefore = collector.duplicates();
        HeapWatch heap = HeapWatch.start();
        out.printf(Locale.ROOT, "[cache] publishing %d events whose contents all have a verdict (%s)%n", events.size(), label);
        Map<String, Instant> published = pipeline.publish(events, carrySha256);
        Instant first = published.values().stream().min(Instant::compareTo).orElseThrow();
        collector.awaitAll(published.keySet(), first.plus(spec.timeout()));
        HeapWatch.Peak peak = heap.stop();
        CallCounts calls = sandbox.counts(Workload.uniqueHashes(events)).minus(before);
        List<EventResult> results = PipelineResults.of(collector.terminals(), published);
        boolean complete = results.size() == events.size();
        Instant last = results.stream().map(EventResult::decidedAt).max(Instant::compareTo).orElse(clock.instant());
        Duration wall = Duration.between(first, complete ? last : clock.instant());
        Map<String, Long> outcomes = new TreeMap<>();
        results.forEach(result -> outcomes.merge(result.outcome(), 1L, Long::sum));
        CachePhase phase = new CachePhase(carrySha256, events.size(), results.size(),
                collector.duplicates() - duplicatesBefore, wall, steadyRate(results), calls,
                LatencyStats.of(results.stream().map(EventResult::latency).toList()), peak, outcomes);
        out.printf(Locale.ROOT, "[cache] %s: %d/%d events in %.2f s = %.0f events/s (%.0f/s between the 10th and 90th "
                        + "percentile), %d Sandbox requests%s%n", label, phase.completed(), phase.events(),
                wall.toMillis() / 1000.0, phase.eventsPerSecond(), phase.steadyEventsPerSecond(),
                calls.totalRequests(), phase.complete() ? "" : "  (INCOMPLETE)");
        return phase;
    }

    /** Verdicts per second between the 10th and the 90th percentile of their arrival times. */
    static double steadyRate(List<EventResult> results) {
        List<Instant> arrivals = results.stream().map(EventResult::decidedAt).sorted().toList();
        if (arrivals.size() < 10) {
            return 0.0;
        }
        int from = arrivals.size() / 10;
        int to = arrivals.size() * 9 / 10;
        long nanos = Duration.between(arrivals.get(from), arrivals.get(to)).toNanos();
        return nanos <= 0 ? 0.0 : (to - from) / (nanos / 1e9);
    }
}
