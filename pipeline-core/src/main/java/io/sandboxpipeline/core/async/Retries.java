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

    private record State(int failures, long notBeforeMs, long firstFailureMs) {
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

    /** When the work's next attempt may start: 0 when it is not waiting at all. */
    public long notBeforeMs(K key) {
        State state = states.get(key);
        return state == null ? 0 : state.notBeforeMs();
    }

    public int failures(K key) {
        State state = states.get(key);
        return state == null ? 0 : state.failures();
    }

    /** Counts one more failure and schedules the next attempt; returns the failure count. */
    public int recordFailure(K key, long nowMs, Optional<Duration> retryAfter) {
        State previous = states.get(key);
        int failures = previous == null ? 1 : previous.failures() + 1;
        long since = previous == null ? nowMs : previous.firstFailureMs();
        long delay = backoff.delay(failures, retryAfter).toMillis();
        states.put(key, new State(failures, nowMs + delay, since));
        return failures;
    }

    /**
     * Holds the work back for {@code delay} without counting a failure: for a wait that is expected (e.g. a result not
     * available yet), so that the backoff of real failures does not grow with it.
     */
    public void waitFor(K key, long nowMs, Duration delay) {
        State previous = states.get(key);
        states.put(key, new State(previous == null ? 0 : previous.failures(), nowMs + delay.toMillis(),
                previous == null ? nowMs : previous.firstFailureMs()));
    }

    /** How long the work has been failing, from its first failure (0 when it is not failing). */
    public long failingForMs(K key, long nowMs) {
        State state = states.get(key);
        return state == null ? 0 : nowMs - state.firstFailureMs();
    }

    public void forget(K key) {
        states.remove(key);
    }
}
