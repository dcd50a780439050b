package io.sandboxpipeline.core.quota;

/**
 * The configured budget of one Sandbox endpoint. Zero means unlimited for each field.
 *
 * <p>When both rates are set, the stricter one applies. Both are enforced as a steady rate with a burst of one
 * second's worth (at least one call, see {@link TokenBucket}): a per-minute quota spent in one burst would, together
 * with the refill, let up to twice the quota through within a sliding minute and earn 429s.
 *
 * @param perSecond     requests per second, 0 for unlimited
 * @param perMinute     requests per minute, 0 for unlimited
 * @param maxConcurrent calls in flight at once, 0 for unlimited
 */
public record EndpointLimit(double perSecond, double perMinute, int maxConcurrent) {

    /** No rate limit and no concurrency limit. */
    public static final EndpointLimit UNLIMITED = new EndpointLimit(0, 0, 0);

    public EndpointLimit {
        requireRate("perSecond", perSecond);
        requireRate("perMinute", perMinute);
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("maxConcurrent must be 0 (unlimited) or a positive number of calls, got " + maxConcurrent);
        }
    }

    private static void requireRate(String name, double rate) {
        if (!Double.isFinite(rate) || rate < 0) {
            throw new IllegalArgumentException(name + " must be 0 (unlimited) or a positive number of requests, got " + rate);
        }
    }

    /** A rate limit only. */
    public static EndpointLimit perSecond(double perSecond) {
        return new EndpointLimit(perSecond, 0, 0);
    }

    /** The stricter of both rates in requests per second, or 0 when neither is set. */
    public double ratePerSecond() {
        double minuteRate = perMinute / 60.0;
        if (perSecond == 0) {
            return minuteRate;
        }
        return minuteRate == 0 ? perSecond : Math.min(perSecond, minuteRate);
    }

    public boolean isRateLimited() {
        return ratePerSecond() > 0;
    }

    public boolean isConcurrencyLimited() {
        return maxConcurrent > 0;
    }
}
