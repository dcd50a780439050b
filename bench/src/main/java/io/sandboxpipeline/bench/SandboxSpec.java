package io.sandboxpipeline.bench;

import io.sandboxpipeline.emulator.Endpoint;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The emulated Sandbox every measured system gets (each its own fresh instance with these settings).
 *
 * @param scanDuration time from upload to a finished report
 * @param pollPause    the {@code pollPause} (seconds) reports ask clients to wait between polls
 * @param latency      added latency per endpoint
 * @param quotaRps     requests per second the API key may make (0 = no quota)
 */
record SandboxSpec(Duration scanDuration, int pollPause, Map<Endpoint, Duration> latency, double quotaRps) {

    SandboxSpec {
        Objects.requireNonNull(scanDuration, "scanDuration must not be null");
        if (scanDuration.isNegative()) {
            throw new IllegalArgumentException("--scan-duration must not be negative, but was " + scanDuration);
        }
        if (pollPause < 0) {
            throw new IllegalArgumentException("--poll-pause must be 0 or more seconds, but was " + pollPause);
        }
        Objects.requireNonNull(latency, "latency must not be null (use an empty map)");
        EnumMap<Endpoint, Duration> copy = new EnumMap<>(Endpoint.class);
        latency.forEach((endpoint, delay) -> {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("--latency " + endpoint + " must not be negative, but was " + delay);
            }
            copy.put(endpoint, delay);
        });
        latency = Collections.unmodifiableMap(copy);
        if (!(quotaRps >= 0) || Double.isInfinite(quotaRps)) {
            throw new IllegalArgumentException("--quota-rps must be 0 (no quota) or a positive number of requests "
                    + "per second, but was " + quotaRps);
        }
    }

    Duration latencyOf(Endpoint endpoint) {
        return latency.getOrDefault(endpoint, Duration.ZERO);
    }

    boolean hasQuota() {
        return quotaRps > 0;
    }
}
