package io.sandboxpipeline.bench;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The {@link WorkflowScript} with the de-duplication a careful script writer adds: a map of the hashes already
 * submitted or in flight. The first event of a content runs the script; a later event of the same content uploads
 * nothing and waits for the first one's verdict (without holding a thread), or takes it at once when it is already
 * known. Verdicts are kept for the whole run, as a script's in-memory set would be.
 */
final class DeduplicatingScript {

    private final WorkflowScript script;
    private final Executor pool;
    private final Clock clock;
    private final Map<String, CompletableFuture<EventResult>> byHash = new ConcurrentHashMap<>();

    DeduplicatingScript(WorkflowScript script, Executor pool, Clock clock) {
        this.script = script;
        this.pool = pool;
        this.clock = clock;
    }

    /** Hashes the event's file on the pool, then runs the script for it or joins the run of its content. */
    CompletableFuture<EventResult> submit(BenchEvent event, Instant arrivedAt) {
        return CompletableFuture.supplyAsync(() -> hash(event), pool)
                .thenCompose(sha256 -> answer(event, sha256, arrivedAt));
    }

    private CompletableFuture<EventResult> answer(BenchEvent event, String sha256, Instant arrivedAt) {
        CompletableFuture<EventResult> mine = new CompletableFuture<>();
        CompletableFuture<EventResult> first = byHash.putIfAbsent(sha256, mine);
        if (first == null) {
            pool.execute(() -> run(event, sha256, arrivedAt, mine));
            return mine;
        }
        boolean knownAlready = first.isDone();
        return first.thenApply(leader -> new EventResult(event.eventId(), sha256, arrivedAt, clock.instant(),
                leader.status(), leader.verdict(), knownAlready ? "CACHE" : leader.decidedBy(), leader.flowId()));
    }

    private void run(BenchEvent event, String sha256, Instant arrivedAt, CompletableFuture<EventResult> result) {
        try {
            result.complete(script.runHashed(event, sha256, arrivedAt));
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(e);
        }
    }

    private static String hash(BenchEvent event) {
        try {
            return WorkflowScript.hash(event);
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }
}
