package io.sandboxpipeline.bench;

import io.sandboxpipeline.schemas.Lane;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live events at a steady rate, each with a new content, and their verdicts: one thread publishes an event every
 * interval (on {@link Lane#LIVE}, without sha256 and size, as an upload form or a watched folder gives them, so the
 * pipeline hashes each one), another reads the verdicts. Each event is labelled with the phase it was published in;
 * its latency runs from its publication to the moment its verdict was read.
 */
final class LiveTraffic implements AutoCloseable {

    /** A published live event. */
    private record Published(BacklogPhase phase, Instant at) {
    }

    private final GeneratedFiles files;
    private final ArrivalPublisher publisher;
    private final VerdictCollector collector;
    private final Clock clock;
    private final Map<String, Published> published = new ConcurrentHashMap<>();
    private final Set<String> awaited = ConcurrentHashMap.newKeySet();
    /** Events whose verdict was read, for other threads (the collector's own map belongs to its thread). */
    private final Set<String> decided = ConcurrentHashMap.newKeySet();
    private final AtomicReference<BacklogPhase> phase = new AtomicReference<>(BacklogPhase.IDLE);
    private final AtomicInteger next = new AtomicInteger();
    private final ScheduledExecutorService publishing = Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "bench-live-publisher"));
    private final Thread collecting;
    private volatile boolean collect = true;
    private final AtomicReference<RuntimeException> publishFailure = new AtomicReference<>();

    LiveTraffic(GeneratedFiles files, PipelineRunner pipeline, Duration interval, Clock clock) {
        this.files = files;
        this.clock = clock;
        this.publisher = pipeline.publisher();
        this.collector = pipeline.collector(flowId -> { });
        this.collecting = daemon(this::collect, "bench-live-verdicts");
        collecting.start();
        publishing.scheduleAtFixedRate(this::publishOne, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Labels the events published from now on. */
    void enter(BacklogPhase next) {
        phase.set(next);
    }

    /**
     * Waits up to {@code timeout} until every event of {@code phase} published so far has its verdict, so that the
     * next phase's load does not fall on them; true when they all had.
     */
    boolean awaitVerdicts(BacklogPhase phase, Duration timeout) throws InterruptedException {
        Set<String> ids = new java.util.HashSet<>();
        published.forEach((eventId, event) -> {
            if (event.phase() == phase) {
                ids.add(eventId);
            }
        });
        Instant deadline = clock.instant().plus(timeout);
        while (!decided.containsAll(ids) && clock.instant().isBefore(deadline)) {
            Thread.sleep(100);
        }
        return decided.containsAll(ids);
    }

    private void publishOne() {
        try {
            GeneratedFiles.Item item = files.write(next.getAndIncrement());
            BacklogPhase current = phase.get();
            awaited.add(item.eventId());
            published.put(item.eventId(), new Published(current, publisher.publish(item, false, Lane.LIVE)));
            publisher.flush();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: keep the reason for finish() and stop publishing
            publishFailure.compareAndSet(null, e);
            throw e;
        }
    }

    private void collect() {
        while (collect) {
            collector.awaitAll(awaited, clock.instant().plusMillis(500));
            decided.addAll(collector.terminals().keySet());
        }
    }

    /**
     * Stops publishing, waits up to {@code drain} for the verdicts of every event published, and returns the
     * latencies by the phase the events were published in. An event still without a verdict is counted with the time
     * from its publication to the end of that wait, a lower bound of its latency (and counted apart), so that a
     * pipeline which starves live events does not look faster for it.
     */
    Latencies finish(Duration drain) throws InterruptedException {
        publishing.shutdown();
        publishing.awaitTermination(10, TimeUnit.SECONDS);
        if (publishFailure.get() != null) {
            throw new IllegalStateException("publishing live events failed: " + publishFailure.get().getMessage(),
                    publishFailure.get());
        }
        Instant deadline = clock.instant().plus(drain);
        collect = false;
        collecting.join();
        collector.awaitAll(awaited, deadline);
        Instant gaveUp = clock.instant();
        Map<BacklogPhase, List<Duration>> latencies = new EnumMap<>(BacklogPhase.class);
        Map<BacklogPhase, Integer> missing = new EnumMap<>(BacklogPhase.class);
        published.forEach((eventId, event) -> {
            VerdictCollector.Terminal terminal = collector.terminals().get(eventId);
            if (terminal == null) {
                missing.merge(event.phase(), 1, Integer::sum);
            }
            latencies.computeIfAbsent(event.phase(), p -> new ArrayList<>())
                    .add(Duration.between(event.at(), terminal == null ? gaveUp : terminal.readAt()));
        });
        return new Latencies(latencies, missing, collector.duplicates());
    }

    /**
     * The live events' latencies by phase, and how many of each phase had no verdict in time (their latencies are
     * lower bounds, see {@link #finish}).
     */
    record Latencies(Map<BacklogPhase, List<Duration>> byPhase, Map<BacklogPhase, Integer> missing, int duplicates) {

        LatencyStats of(BacklogPhase phase) {
            return LatencyStats.of(byPhase.getOrDefault(phase, List.of()));
        }

        int missing(BacklogPhase phase) {
            return missing.getOrDefault(phase, 0);
        }
    }

    @Override
    public void close() {
        publishing.shutdownNow();
        collect = false;
        try {
            collecting.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        collector.close();
        publisher.close();
    }
}
