package io.sandboxpipeline.core.quota;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker for one endpoint: when the Sandbox stops answering (connection failures, timeouts, 5xx, garbled
 * answers) five times in a row, calls stop for a cooldown instead of burning every event's retries against a service
 * that is down. After the cooldown one probe goes out: an answer closes the breaker and traffic resumes by itself; another
 * outage failure opens it again for twice as long (2 s, 4 s, ... up to 30 s). Work waits in the stages' stores
 * meanwhile, so an outage delays verdicts but fails none.
 *
 * <p>Not thread-safe on its own: {@link EndpointQuota} guards it.
 */
final class OutageBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(OutageBreaker.class);

    static final int FAILURES_TO_OPEN = 5;
    static final Duration FIRST_COOLDOWN = Duration.ofSeconds(2);
    static final Duration MAX_COOLDOWN = Duration.ofSeconds(30);
    /** A probe whose answer never comes back (its task moved away) does not keep the breaker half-open for ever. */
    static final Duration PROBE_TIMEOUT = Duration.ofMinutes(2);

    private final SandboxEndpoint endpoint;
    private int failuresInARow;
    private int trips;
    private long openUntilMs = -1;
    private long probeSentMs = -1;

    OutageBreaker(SandboxEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    private boolean isClosed() {
        return openUntilMs < 0;
    }

    boolean isOpen(long nowMs) {
        return !isClosed() && nowMs < openUntilMs;
    }

    /** Whether a call may start now: always when closed, never while open, one probe at a time when half-open. */
    boolean allows(long nowMs) {
        if (isClosed()) {
            return true;
        }
        if (nowMs < openUntilMs) {
            return false;
        }
        return probeSentMs < 0 || nowMs - probeSentMs > PROBE_TIMEOUT.toMillis();
    }

    void granted(long nowMs) {
        if (!isClosed() && nowMs >= openUntilMs) {
            probeSentMs = nowMs;
        }
    }

    /** The Sandbox did not answer (or answered 5xx / garbage). */
    void onOutage(long nowMs) {
        failuresInARow++;
        boolean probeFailed = !isClosed() && nowMs >= openUntilMs;
        if ((isClosed() && failuresInARow >= FAILURES_TO_OPEN) || probeFailed) {
            trips++;
            long cooldown = Math.min(FIRST_COOLDOWN.toMillis() << Math.min(trips - 1, 10), MAX_COOLDOWN.toMillis());
            openUntilMs = nowMs + cooldown;
            probeSentMs = -1;
            LOG.warn("the Sandbox's {} endpoint is not answering ({} failures in a row): no calls for {} ms, then one probe",
                    endpoint.configName(), failuresInARow, cooldown);
        }
    }

    /**
     * A call ended without reaching the Sandbox (e.g. its file could not be read): it says nothing about the service,
     * but if it was the probe, the next call may probe instead of the breaker waiting for a probe that never answers.
     */
    void onNoAnswer() {
        probeSentMs = -1;
    }

    /** The Sandbox answered (any answer other than an outage: success, 4xx, 429). */
    void onAnswer(long nowMs) {
        failuresInARow = 0;
        if (!isClosed() && nowMs >= openUntilMs) {
            LOG.info("the Sandbox's {} endpoint answers again: calls resume", endpoint.configName());
            openUntilMs = -1;
            probeSentMs = -1;
            trips = 0;
        }
    }
}
