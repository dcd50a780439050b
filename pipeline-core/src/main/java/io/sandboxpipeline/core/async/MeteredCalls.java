package io.sandboxpipeline.core.async;

import io.sandboxpipeline.client.ErrorKind;
import io.sandboxpipeline.client.SandboxException;
import io.sandboxpipeline.core.quota.Lane;
import io.sandboxpipeline.core.quota.Permit;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.quota.SandboxEndpoint;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * {@link AsyncCalls} to one Sandbox endpoint under the stage instance's shared {@link QuotaLimiter}: a call starts only
 * with a permit (rate, concurrency, live/replay lane and fair share of this task), the permit is returned when the call
 * completes, and what the Sandbox answered (a 429 with its {@code Retry-After}, an outage, or an answer) adapts the
 * limiter and its outage breaker.
 *
 * @param <K> what identifies a call
 * @param <R> the call's result
 */
public final class MeteredCalls<K, R> {

    private final AsyncCalls<K, R> calls;
    private final QuotaLimiter limiter;
    private final SandboxEndpoint endpoint;
    private final String taskId;

    public MeteredCalls(int maxInFlight, QuotaLimiter limiter, SandboxEndpoint endpoint, String taskId) {
        this.calls = new AsyncCalls<>(maxInFlight);
        this.limiter = limiter;
        this.endpoint = endpoint;
        this.taskId = taskId;
    }

    public boolean hasCapacity() {
        return calls.hasCapacity();
    }

    public boolean isInFlight(K key) {
        return calls.isInFlight(key);
    }

    /**
     * Starts a call if nothing for the key is in flight, this task has capacity and the limiter grants a permit now.
     *
     * @return true when the call was started
     */
    public boolean dispatch(K key, Lane lane, long nowMs, Supplier<CompletableFuture<R>> call) {
        if (calls.isInFlight(key) || !calls.hasCapacity()) {
            return false;
        }
        Optional<Permit> permit = limiter.tryAcquire(endpoint, lane, taskId, nowMs);
        if (permit.isEmpty()) {
            return false;
        }
        boolean started = calls.dispatch(key, () -> {
            CompletableFuture<R> future;
            try {
                future = call.get();
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            return future.whenComplete((value, error) -> permit.get().release());
        });
        if (!started) {
            permit.get().release();
        }
        return started;
    }

    /** Hands completed calls to the handler on the calling (stream) thread, after telling the limiter how they went. */
    public int drain(long nowMs, BiConsumer<K, CallResult<R>> handler) {
        return calls.drain((key, result) -> {
            adapt(result, nowMs);
            handler.accept(key, result);
        });
    }

    private void adapt(CallResult<R> result, long nowMs) {
        if (result instanceof CallResult.Success<R>) {
            limiter.onSuccess(endpoint, nowMs);
            return;
        }
        Optional<SandboxException> error = ((CallResult.Failure<R>) result).sandboxError();
        if (error.isEmpty()) {
            // not the Sandbox's doing (e.g. the source file could not be read): no judgement, but a probe is released
            limiter.onNoAnswer(endpoint);
            return;
        }
        ErrorKind kind = error.get().kind();
        if (kind == ErrorKind.RATE_LIMITED) {
            limiter.onRateLimited(endpoint, error.get().retryAfter(), nowMs);
        } else if (OUTAGES.contains(kind)) {
            limiter.onOutage(endpoint, nowMs);
        } else {
            limiter.onSuccess(endpoint, nowMs); // it answered, if not with what we wanted
        }
    }

    /** What a service that is down, overloaded or half-broken answers. */
    private static final Set<ErrorKind> OUTAGES = EnumSet.of(
            ErrorKind.CONNECTION, ErrorKind.TIMEOUT, ErrorKind.SERVER_ERROR, ErrorKind.MALFORMED_RESPONSE);

    public void close() {
        calls.close();
    }

    /** The quota lane of an event's lane (the Avro contract and the limiter have the same two lanes). */
    public static Lane laneOf(io.sandboxpipeline.schemas.Lane lane) {
        return lane == io.sandboxpipeline.schemas.Lane.REPLAY ? Lane.REPLAY : Lane.LIVE;
    }
}
