package io.sandboxpipeline.core.quota;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the limiter knows about one endpoint: its bucket, in-flight calls, lane reservation, per-task fairness,
 * 429 state and outage breaker. One lock per endpoint: several stream threads ask for permits and HTTP callback threads release them, and
 * each decision reads and updates several of these together. Every step is a few arithmetic operations, so holding the
 * lock is cheap and nobody blocks for long.
 */
final class EndpointQuota {

    private final SandboxEndpoint endpoint;
    private final EndpointLimit limit;
    private final TokenBucket bucket;
    private final LanePolicy lanes;
    private final RateAdaptation adaptation = new RateAdaptation();
    private final OutageBreaker breaker;
    private final Map<Lane, TaskFairness> fairness = new EnumMap<>(Lane.class);
    private final Map<Lane, Integer> inFlight = new EnumMap<>(Lane.class);
    private final Map<Lane, Long> granted = new EnumMap<>(Lane.class);

    EndpointQuota(SandboxEndpoint endpoint, EndpointLimit limit, double liveReservedShare) {
        this.endpoint = endpoint;
        this.limit = limit;
        this.breaker = new OutageBreaker(endpoint);
        this.bucket = limit.isRateLimited() ? new TokenBucket(limit.ratePerSecond(), 0) : null;
        this.lanes = new LanePolicy(liveReservedShare, limit.maxConcurrent(), limit.ratePerSecond());
        for (Lane lane : Lane.values()) {
            fairness.put(lane, new TaskFairness());
            inFlight.put(lane, 0);
            granted.put(lane, 0L);
        }
    }

    SandboxEndpoint endpoint() {
        return endpoint;
    }

    synchronized Optional<Permit> tryAcquire(Lane lane, String taskId, long nowMs) {
        lanes.noteDemand(lane, nowMs);
        TaskFairness tasks = fairness.get(lane);
        boolean fair = tasks.mayTake(taskId, nowMs);
        if (!fair || !hasCapacity(lane, nowMs)) {
            tasks.refused(taskId, nowMs);
            return Optional.empty();
        }
        if (bucket != null) {
            bucket.tryTake(nowMs);
        }
        if (lane == Lane.REPLAY) {
            lanes.replayGranted(nowMs);
        }
        tasks.granted(taskId);
        breaker.granted(nowMs);
        inFlight.merge(lane, 1, Integer::sum);
        granted.merge(lane, 1L, Long::sum);
        return Optional.of(new Permit(this, lane, taskId));
    }

    private boolean hasCapacity(Lane lane, long nowMs) {
        if (adaptation.isPaused(nowMs) || !breaker.allows(nowMs)) {
            return false;
        }
        if (limit.isConcurrencyLimited() && totalInFlight() >= limit.maxConcurrent()) {
            return false;
        }
        if (bucket != null && !bucket.hasToken(nowMs)) {
            return false;
        }
        return lane == Lane.LIVE || lanes.replayMayTake(nowMs, inFlight.get(Lane.REPLAY), bucket != null);
    }

    synchronized void release(Lane lane) {
        inFlight.merge(lane, -1, Integer::sum);
    }

    synchronized void onRateLimited(Optional<Duration> retryAfter, long nowMs) {
        breaker.onAnswer(nowMs);
        if (adaptation.onRateLimited(retryAfter, nowMs)) {
            applyRate(nowMs);
        }
    }

    synchronized void onSuccess(long nowMs) {
        breaker.onAnswer(nowMs);
        if (adaptation.onSuccess(nowMs)) {
            applyRate(nowMs);
        }
    }

    synchronized void onOutage(long nowMs) {
        breaker.onOutage(nowMs);
    }

    synchronized void onNoAnswer() {
        breaker.onNoAnswer();
    }

    synchronized boolean isBreakerOpen(long nowMs) {
        return breaker.isOpen(nowMs);
    }

    private void applyRate(long nowMs) {
        if (bucket != null) {
            double rate = limit.ratePerSecond() * adaptation.factor();
            bucket.setRate(rate, nowMs);
            lanes.setRate(rate, nowMs);
        }
    }

    private int totalInFlight() {
        return inFlight.get(Lane.LIVE) + inFlight.get(Lane.REPLAY);
    }

    synchronized QuotaSnapshot.EndpointState snapshot(long nowMs) {
        double effective = bucket == null ? 0 : bucket.ratePerSecond();
        return new QuotaSnapshot.EndpointState(limit.ratePerSecond(), effective, limit.maxConcurrent(), totalInFlight(),
                adaptation.pausedUntilMs(), adaptation.isPaused(nowMs), granted, adaptation.rateLimitedCount());
    }
}
