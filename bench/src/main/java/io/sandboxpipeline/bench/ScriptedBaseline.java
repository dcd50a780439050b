package io.sandboxpipeline.bench;

import io.sandboxpipeline.client.SandboxClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two baselines: the {@link WorkflowScript} run for every event by a fixed pool of threads, one task per event
 * and no de-duplication. With one thread it is the sequential script, one file at a time. All events arrive at the
 * start, as they do for the pipeline, so an event's latency includes its wait for a free thread.
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

    Run run(BenchSandbox sandbox, List<BenchEvent> events, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads("bench-script-"));
        try (SandboxClient client = sandbox.newClient()) {
            WorkflowScript script = new WorkflowScript(client, spec.pollInterval(), spec.timeout(), clock);
            Instant startedAt = clock.instant();
            List<Future<EventResult>> tasks = new ArrayList<>(events.size());
            for (BenchEvent event : events) {
                tasks.add(pool.submit(() -> script.run(event, startedAt)));
            }
            Instant deadline = startedAt.plus(spec.timeout());
            List<EventResult> results = new ArrayList<>(events.size());
            int failures = 0;
            for (Future<EventResult> task : tasks) {
                try {
                    long waitMs = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
                    results.add(task.get(waitMs, TimeUnit.MILLISECONDS));
                } catch (ExecutionException | TimeoutException e) {
                    failures++;
                }
            }
            // an incomplete run is charged up to now: its rate must not look better for the events it dropped
            Instant endedAt = failures > 0 ? clock.instant()
                    : results.stream().map(EventResult::decidedAt).max(Instant::compareTo).orElse(clock.instant());
            return new Run(results, startedAt, endedAt, failures);
        } finally {
            pool.shutdownNow();
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
