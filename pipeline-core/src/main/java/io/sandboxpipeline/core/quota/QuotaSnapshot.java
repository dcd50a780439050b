package io.sandboxpipeline.core.quota;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The limiter's state at one moment, for metrics and the benchmark. Rates are in requests per second, 0 for unlimited.
 *
 * @param atMs      when it was taken
 * @param endpoints the state of every endpoint
 */
public record QuotaSnapshot(long atMs, Map<SandboxEndpoint, EndpointState> endpoints) {

    public QuotaSnapshot {
        Objects.requireNonNull(endpoints, "endpoints");
        Map<SandboxEndpoint, EndpointState> ordered = new EnumMap<>(SandboxEndpoint.class);
        ordered.putAll(endpoints);
        endpoints = Collections.unmodifiableMap(ordered);
    }

    public EndpointState endpoint(SandboxEndpoint endpoint) {
        return endpoints.get(endpoint);
    }

    /**
     * @param configuredPerSecond the configured rate (the stricter of per second and per minute), 0 for unlimited
     * @param effectivePerSecond  the rate in use after 429s lowered it, 0 for unlimited
     * @param maxConcurrent       the configured concurrency limit, 0 for unlimited
     * @param inFlight            permits granted and not yet released
     * @param pausedUntilMs       end of the latest 429 pause (0 when there never was one)
     * @param paused              whether that pause still lasts
     * @param granted             permits granted since start, per lane
     * @param rateLimitedCount    429 answers reported since start
     */
    public record EndpointState(double configuredPerSecond, double effectivePerSecond, int maxConcurrent, int inFlight,
                                long pausedUntilMs, boolean paused, Map<Lane, Long> granted, long rateLimitedCount) {

        public EndpointState {
            Objects.requireNonNull(granted, "granted");
            Map<Lane, Long> ordered = new EnumMap<>(Lane.class);
            ordered.putAll(granted);
            granted = Collections.unmodifiableMap(ordered);
        }

        public long granted(Lane lane) {
            return granted.getOrDefault(lane, 0L);
        }
    }
}
