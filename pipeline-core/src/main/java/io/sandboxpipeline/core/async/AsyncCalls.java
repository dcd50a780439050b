package io.sandboxpipeline.core.async;

import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Bounded async calls made from a Kafka Streams processor without blocking its stream thread.
 *
 * <p>Only the stream thread calls {@link #dispatch} and {@link #drain}; callback threads only {@code offer} to a
 * queue. The in-flight set lives in memory on purpose: the work itself is recorded in a changelogged store by the
 * processor, so after a restart or rebalance nothing is in flight and the processor re-issues the work from its store.
 *
 * @param <K> what identifies a call (e.g. an event id or a flow id)
 * @param <R> the call's result
 */
public final class AsyncCalls<K, R> {

    private record Completion<K, R>(K key, CallResult<R> result) {
    }

    private final int maxInFlight;
    private final Set<K> inFlight = new HashSet<>();
    private final Queue<Completion<K, R>> completions = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    public AsyncCalls(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    public boolean hasCapacity() {
        return inFlight.size() < maxInFlight;
    }

    public boolean isInFlight(K key) {
        return inFlight.contains(key);
    }

    public int inFlightCount() {
        return inFlight.size();
    }

    /**
     * Starts a call unless one for the key is already in flight or there is no capacity.
     *
     * @return true when the call was started
     */
    public boolean dispatch(K key, Supplier<CompletableFuture<R>> call) {
        if (closed || inFlight.contains(key) || !hasCapacity()) {
            return false;
        }
        inFlight.add(key);
        CompletableFuture<R> future;
        try {
            future = call.get();
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        future.whenComplete((value, error) -> {
            if (!closed) {
                completions.offer(new Completion<>(key, error == null ? new CallResult.Success<>(value) : new CallResult.Failure<>(error)));
            }
        });
        return true;
    }

    /** Hands every completed call to the handler on the calling (stream) thread; returns how many. */
    public int drain(BiConsumer<K, CallResult<R>> handler) {
        int drained = 0;
        Completion<K, R> completion;
        while ((completion = completions.poll()) != null) {
            inFlight.remove(completion.key());
            handler.accept(completion.key(), completion.result());
            drained++;
        }
        return drained;
    }

    /** Forgets everything: results that arrive later are dropped (the work is re-issued from the store by its new owner). */
    public void close() {
        closed = true;
        completions.clear();
        inFlight.clear();
    }
}
