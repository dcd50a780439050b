package io.sandboxpipeline.core.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test helper: asks the way a punctuator with a backlog does, until the limiter refuses. */
final class Punctuators {

    static final long TICK_MS = 100;

    private Punctuators() {
    }

    /** Acquires until refused and releases at once (calls that complete instantly); returns how many were granted. */
    static int dispatchAll(QuotaLimiter limiter, SandboxEndpoint endpoint, Lane lane, String taskId, long nowMs) {
        List<Permit> permits = acquireAll(limiter, endpoint, lane, taskId, nowMs);
        permits.forEach(Permit::release);
        return permits.size();
    }

    /** Acquires until refused and keeps the permits (calls still in flight). */
    static List<Permit> acquireAll(QuotaLimiter limiter, SandboxEndpoint endpoint, Lane lane, String taskId, long nowMs) {
        List<Permit> permits = new ArrayList<>();
        Optional<Permit> permit;
        while ((permit = limiter.tryAcquire(endpoint, lane, taskId, nowMs)).isPresent()) {
            permits.add(permit.get());
            if (permits.size() > 100_000) {
                throw new AssertionError("the limiter never refused " + taskId);
            }
        }
        return permits;
    }
}
