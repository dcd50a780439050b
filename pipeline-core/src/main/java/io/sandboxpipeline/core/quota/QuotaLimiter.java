package io.sandboxpipeline.core.quota;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, for one stage instance, whether a Sandbox call may be dispatched now. The Sandbox's capacity is the scarce
 * resource (cloud keys have per-minute quotas, an on-prem instance scans a few files per second at most), so every
 * stream task of the instance asks this one limiter before each call, and reports 429s and successes back.
 *
 * <p>Non-blocking and thread-safe: {@link #tryAcquire} answers at once from any stream thread, {@link Permit#release()}
 * works from any callback thread. Time is always passed in ({@code nowMs}, from the punctuator or
 * {@code context.currentSystemTimeMs()}), never read here, so tests step time instead of sleeping.
 *
 * <p>Per endpoint it enforces the configured rate and concurrency ({@link TokenBucket}), lowers the rate after 429s
 * ({@link RateAdaptation}), keeps a share for live calls ({@link LanePolicy}) and shares capacity fairly between the
 * tasks that ask ({@link TaskFairness}).
 */
public final class QuotaLimiter {

    private final QuotaConfig config;
    private final Map<SandboxEndpoint, EndpointQuota> endpoints = new EnumMap<>(SandboxEndpoint.class);

    public QuotaLimiter(QuotaConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        for (SandboxEndpoint endpoint : SandboxEndpoint.values()) {
            endpoints.put(endpoint, new EndpointQuota(endpoint, config.limit(endpoint), config.liveReservedShare()));
        }
    }

    /**
     * A permit for one call to {@code endpoint} now, or empty when the call must wait (the caller keeps the work and
     * asks again at its next tick). A caller with a backlog asks until it is refused; each permit must be released
     * when its call completes.
     *
     * @param taskId the asking stream task, e.g. {@code context.taskId().toString()}; capacity is shared fairly between tasks
     */
    public Optional<Permit> tryAcquire(SandboxEndpoint endpoint, Lane lane, String taskId, long nowMs) {
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(taskId, "taskId");
        return quota(endpoint).tryAcquire(lane, taskId, nowMs);
    }

    /** Reports a 429 from {@code endpoint}: pauses it for {@code retryAfter} (or a short backoff) and lowers its rate. */
    public void onRateLimited(SandboxEndpoint endpoint, Optional<Duration> retryAfter, long nowMs) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        quota(endpoint).onRateLimited(retryAfter, nowMs);
    }

    /** Reports a successful call to {@code endpoint}: the rate recovers a little towards the configured one. */
    public void onSuccess(SandboxEndpoint endpoint, long nowMs) {
        quota(endpoint).onSuccess(nowMs);
    }

    /**
     * The Sandbox did not answer a call of this endpoint (connection failure, timeout, 5xx, garbled answer): after
     * several in a row the endpoint's breaker stops calls for a cooldown, then probes (see {@link OutageBreaker}).
     */
    public void onOutage(SandboxEndpoint endpoint, long nowMs) {
        quota(endpoint).onOutage(nowMs);
    }

    /** A call of this endpoint ended without reaching the Sandbox: no judgement, but a pending probe is released. */
    public void onNoAnswer(SandboxEndpoint endpoint) {
        quota(endpoint).onNoAnswer();
    }

    /** True while the endpoint's outage breaker holds calls back. */
    public boolean isBreakerOpen(SandboxEndpoint endpoint, long nowMs) {
        return quota(endpoint).isBreakerOpen(nowMs);
    }

    public QuotaSnapshot snapshot(long nowMs) {
        Map<SandboxEndpoint, QuotaSnapshot.EndpointState> states = new EnumMap<>(SandboxEndpoint.class);
        endpoints.forEach((endpoint, quota) -> states.put(endpoint, quota.snapshot(nowMs)));
        return new QuotaSnapshot(nowMs, states);
    }

    public QuotaConfig config() {
        return config;
    }

    private EndpointQuota quota(SandboxEndpoint endpoint) {
        return endpoints.get(Objects.requireNonNull(endpoint, "endpoint"));
    }
}
