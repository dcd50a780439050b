package io.sandboxpipeline.core.quota;

/**
 * Keeps a share of one endpoint's rate and concurrency free for {@link Lane#LIVE} calls, so a replay flood never delays
 * live work beyond that share. Live calls may always use everything; replay calls are held to the unreserved share
 * while a live call asked in the last second, and may use everything when live traffic is idle.
 *
 * <p>The rate side is a second bucket at the unreserved rate that only replay calls draw from, on top of the endpoint's
 * own bucket. Replay therefore takes at most the unreserved rate, and the rest of the endpoint's refill is left for live
 * calls, which ask every tick while they have a backlog: they get at least the reserved rate however the calls of the
 * two lanes interleave, and the endpoint as a whole never exceeds its rate.
 *
 * <p>Not thread-safe on its own: {@link EndpointQuota} guards it.
 */
final class LanePolicy {

    /** How long one live request counts as live demand. */
    static final long LIVE_DEMAND_WINDOW_MS = 1_000;

    private final double reservedShare;
    private final int replaySlots;
    private final TokenBucket replayBucket;
    private long lastLiveDemandMs;
    private boolean liveSeen;

    /**
     * @param reservedShare  share of rate and concurrency kept for live calls
     * @param maxConcurrent  the endpoint's concurrency limit, 0 for unlimited
     * @param ratePerSecond  the endpoint's current rate, 0 for unlimited
     */
    LanePolicy(double reservedShare, int maxConcurrent, double ratePerSecond) {
        this.reservedShare = reservedShare;
        // round the reservation up: with any share at all, live keeps at least one slot; -1: no concurrency limit
        this.replaySlots = maxConcurrent == 0 ? -1 : maxConcurrent - (int) Math.ceil(reservedShare * maxConcurrent - 1e-9);
        double replayRate = ratePerSecond * (1 - reservedShare);
        this.replayBucket = replayRate > 0 ? new TokenBucket(replayRate, 0) : null;
    }

    void noteDemand(Lane lane, long nowMs) {
        if (lane == Lane.LIVE) {
            lastLiveDemandMs = liveSeen ? Math.max(lastLiveDemandMs, nowMs) : nowMs;
            liveSeen = true;
        }
    }

    boolean liveActive(long nowMs) {
        return liveSeen && nowMs - lastLiveDemandMs < LIVE_DEMAND_WINDOW_MS;
    }

    /**
     * Whether a replay call may go now, given the endpoint already has capacity for some call.
     *
     * @param replayInFlight replay calls of this endpoint in flight
     * @param rateLimited    whether the endpoint has a rate limit at all
     */
    boolean replayMayTake(long nowMs, int replayInFlight, boolean rateLimited) {
        if (!liveActive(nowMs)) {
            return true;
        }
        boolean slotFree = replaySlots < 0 || replayInFlight < replaySlots;
        boolean tokenFree = !rateLimited || (replayBucket != null && replayBucket.hasToken(nowMs));
        return slotFree && tokenFree;
    }

    /** Charges a granted replay call to the unreserved share while it applies. */
    void replayGranted(long nowMs) {
        if (replayBucket != null && liveActive(nowMs)) {
            replayBucket.tryTake(nowMs);
        }
    }

    /** Follows the endpoint's rate after a 429 or a recovery. */
    void setRate(double ratePerSecond, long nowMs) {
        if (replayBucket != null) {
            replayBucket.setRate(ratePerSecond * (1 - reservedShare), nowMs);
        }
    }
}
