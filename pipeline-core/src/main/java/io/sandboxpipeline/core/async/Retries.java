package io.sandboxpipeline.core.async;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failure counts and "not before" times of retried work, kept in memory by the stream thread. After a restart the
 * counts start again from zero: the work itself is in a changelogged store, so it is retried, never lost.
 *
 * @param <K> what identifies the work
 */
public final class Retries<K> {

    private record State(int failures, long notBeforeMs) {
    }

    private final Backoff backoff;
    private final Map<K, State> states = new HashMap<>();

    public Retries(Backoff backoff) {
        this.backoff = backoff;
    }

    /** True while the work must wait before its next attempt. */
    public boolean isWaiting(K key, long nowMs) {
        State state = states.get(key);
        return state != null && nowMs < state.notBeforeMs();
    }

    public int failures(K key) {
        State state = states.get(key);
        return state == null ? 0 : state.failures();
    }

    /** Counts one more failure and schedules the next attempt; returns the failure count. */
    public int recordFailure(K key, long nowMs, Optional<Duration> retryAfter) {
        int failures = failures(key) + 1;
        long delay = backoff.delay(failures, retryAfter).toMillis();
        states.put(key, new State(failures, nowMs + delay));
        return failures;
    }

    public void forget(K key) {
        states.remove(key);
    }

    public void clear() {
        states.clear();
    }
}
