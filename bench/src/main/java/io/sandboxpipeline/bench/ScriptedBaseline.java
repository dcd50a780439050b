package io.sandboxpipeline.bench;

import io.sandboxpipeline.client.SandboxClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baselines: the {@link WorkflowScript} run for every event by a fixed pool of threads, one task per event. In
 * the burst comparison there is no de-duplication and all events arrive at the start, as they do for the pipeline, so
 * an event's latency includes its wait for a free thread; with one thread it is the sequential script, one file at a
 * time. In the steady comparison events arrive one every {@code spacing}, and the script remembers the hashes it has
 * submitted or has in flight ({@link DeduplicatingScript}).
 */
final class ScriptedBaseline {

    /** What a baseline run produced. */
    record Run(List<EventResult> results, Instant startedAt, Instant endedAt, int failures) {

        Duration wall() {
            return Duration.between(startedAt, endedAt);
        }
    }

    private final BaselineSpec spec;
    private final Clock clock;

    ScriptedBaseline(BaselineSpec spec, Clock clock) {
        this.spec = spec;
        this.clock = clock;
    }

    /** All events at once, no de-duplication. */
    Run run(BenchSandbox sandbox, List<BenchEvent> events, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads("bench-script-"));
        try (SandboxClient client = sandbox.newClient()) {
            WorkflowScript script = new WorkflowScript(client, spec.pollInterval(), spec.timeout(), clock);
            Instant startedAt = clock.instant();
            List<Future<EventResult>> tasks = new ArrayList<>(events.size());
            for (BenchEvent event : events) {
                tasks.add(pool.submit(() -> script.run(event, startedAt)));
            }
            return collect(tasks, startedAt, startedAt.plus(spec.timeout()));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Events arriving one every {@code spacing} (the first at once), each handed to the de-duplicating script when it
     * arrives; the run waits up to the timeout after the last arrival.
     */
    Run runDeduplicated(BenchSandbox sandbox, List<BenchEvent> events, int threads, Duration spacing)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads("bench-dedup-script-"));
        try (SandboxClient client = sandbox.newClient()) {
            WorkflowScript script = new WorkflowScript(client, spec.pollInterval(), spec.timeout(), clock);
            DeduplicatingScript deduplicating = new DeduplicatingScript(script, pool, clock);
            Instant startedAt = clock.instant();
            List<Future<EventResult>> tasks = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                sleepUntil(startedAt.plus(spacing.multipliedBy(i)));
                tasks.add(deduplicating.submit(events.get(i), clock.instant()));
            }
            return collect(tasks, startedAt, clock.instant().plus(spec.timeout()));
        } finally {
            pool.shutdownNow();
        }
    }

    private Run collect(List<? extends Future<EventResult>> tasks, Instant startedAt, Instant deadline)
            throws InterruptedException {
        List<EventResult> results = new ArrayList<>(tasks.size());
        int failures = 0;
        for (Future<EventResult> task : tasks) {
            try {
                long waitMs = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
                results.add(task.get(waitMs, TimeUnit.MILLISECONDS));
            } catch (ExecutionException | TimeoutException | CompletionException e) {
                failures++;
            }
        }
        // an incomplete run is charged up to now: its rate must not look better for the events it dropped
        Instant endedAt = failures > 0 ? clock.instant()
                : results.stream().map(EventResult::decidedAt).max(Instant::compareTo).orElse(clock.instant());
        return new Run(results, startedAt, endedAt, failures);
    }

    private void sleepUntil(Instant when) throws InterruptedException {
        long waitMs = Duration.between(clock.instant(), when).toMillis();
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
