package io.sandboxpipeline.emulator;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fault knobs of the emulator, all off by default. Switch them at runtime with
 * {@link SandboxEmulator#setFaults(Faults)}.
 *
 * @param latency                added latency per endpoint (missing endpoints: none)
 * @param requestsPerSecondQuota token-bucket quota per API key (burst = one second's worth, at least 1); 0 = off.
 *                               Over quota: 429 {@code {"detail": ...}} with an integer {@code Retry-After} >= 1.
 *                               The bucket refills by the emulator's {@link java.time.Clock}, so a fixed test clock
 *                               never refills it.
 * @param uploadsPerSecondQuota  a second token bucket of the same kind that only {@code POST /api/scan/file} draws
 *                               from (after the quota above, if any); 0 = off. A Sandbox licence whose scan capacity
 *                               is the scarce part: uploads beyond it get the same 429, look-ups and report polls do
 *                               not
 * @param rateLimitedRate        fraction of authenticated requests answered 429 {@code {"detail": ...}} with
 *                               {@code Retry-After: 1} whatever the quota (no side effects)
 * @param serverErrorRate        fraction of requests answered 500 (plain text {@code Internal Server Error}),
 *                               502 or 503 instead of being handled (no side effects such as new flows)
 * @param slowRate               fraction of requests whose answer is held back by {@code slowDelay}
 * @param slowDelay              the delay of slow answers (meant to exceed client timeouts)
 * @param malformedJsonRate      fraction of 200 JSON answers whose body is cut in half (invalid JSON); the request
 *                               itself took effect (a submission still created its flow)
 * @param failedFlowRate         fraction of new flows that end with {@code overallState:"failed"} regardless of content
 * @param strangersInSearch      {@code GET /api/reports/search} answers only other users' recent public reports,
 *                               whatever the query: what the public service's busy search may give a careless caller
 */
public record Faults(
        Map<Endpoint, Duration> latency,
        double requestsPerSecondQuota,
        double uploadsPerSecondQuota,
        double rateLimitedRate,
        double serverErrorRate,
        double slowRate,
        Duration slowDelay,
        double malformedJsonRate,
        double failedFlowRate,
        boolean strangersInSearch) {

    /** Default delay of a slow answer: longer than any sensible client timeout. */
    public static final Duration DEFAULT_SLOW_DELAY = Duration.ofSeconds(30);

    public Faults {
        Objects.requireNonNull(latency, "latency must not be null (use an empty map for no added latency)");
        EnumMap<Endpoint, Duration> copy = new EnumMap<>(Endpoint.class);
        latency.forEach((endpoint, delay) -> {
            Objects.requireNonNull(endpoint, "latency must not contain a null endpoint");
            requireNotNegative("latency of " + endpoint, delay);
            copy.put(endpoint, delay);
        });
        latency = Collections.unmodifiableMap(copy);
        if (!(requestsPerSecondQuota >= 0) || Double.isInfinite(requestsPerSecondQuota)) {
            throw new IllegalArgumentException("requestsPerSecondQuota must be 0 (off) or a positive finite number "
                    + "of requests per second, but was " + requestsPerSecondQuota);
        }
        if (!(uploadsPerSecondQuota >= 0) || Double.isInfinite(uploadsPerSecondQuota)) {
            throw new IllegalArgumentException("uploadsPerSecondQuota must be 0 (off) or a positive finite number "
                    + "of uploads per second, but was " + uploadsPerSecondQuota);
        }
        requireRate("rateLimitedRate", rateLimitedRate);
        requireRate("serverErrorRate", serverErrorRate);
        requireRate("slowRate", slowRate);
        requireNotNegative("slowDelay", slowDelay);
        requireRate("malformedJsonRate", malformedJsonRate);
        requireRate("failedFlowRate", failedFlowRate);
    }

    /** No faults at all. */
    public static Faults none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with these faults, to change one knob. */
    public Builder toBuilder() {
        return new Builder()
                .latency(latency)
                .requestsPerSecondQuota(requestsPerSecondQuota)
                .uploadsPerSecondQuota(uploadsPerSecondQuota)
                .rateLimitedRate(rateLimitedRate)
                .serverErrorRate(serverErrorRate)
                .slowRate(slowRate)
                .slowDelay(slowDelay)
                .malformedJsonRate(malformedJsonRate)
                .failedFlowRate(failedFlowRate)
                .strangersInSearch(strangersInSearch);
    }

    /** The added latency of an endpoint, {@link Duration#ZERO} when none is configured. */
    public Duration latencyOf(Endpoint endpoint) {
        return latency.getOrDefault(endpoint, Duration.ZERO);
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0,1] (a fraction of requests), but was " + rate);
        }
    }

    private static void requireNotNegative(String name, Duration duration) {
        Objects.requireNonNull(duration, name + " must not be null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, but was " + duration);
        }
    }

    /** Fluent builder; every knob defaults to off. */
    public static final class Builder {
        private final EnumMap<Endpoint, Duration> latency = new EnumMap<>(Endpoint.class);
        private double requestsPerSecondQuota;
        private double uploadsPerSecondQuota;
        private double rateLimitedRate;
        private double serverErrorRate;
        private double slowRate;
        private Duration slowDelay = DEFAULT_SLOW_DELAY;
        private boolean strangersInSearch;
        private double malformedJsonRate;
        private double failedFlowRate;

        private Builder() {
        }

        public Builder latency(Endpoint endpoint, Duration delay) {
            latency.put(Objects.requireNonNull(endpoint, "endpoint must not be null"), delay);
            return this;
        }

        public Builder latency(Map<Endpoint, Duration> latencies) {
            latency.clear();
            latency.putAll(latencies);
            return this;
        }

        public Builder requestsPerSecondQuota(double quota) {
            this.requestsPerSecondQuota = quota;
            return this;
        }

        /** Uploads ({@code POST /api/scan/file}) per second the API key may make; 0 = no upload quota. */
        public Builder uploadsPerSecondQuota(double quota) {
            this.uploadsPerSecondQuota = quota;
            return this;
        }

        public Builder rateLimitedRate(double rate) {
            this.rateLimitedRate = rate;
            return this;
        }

        public Builder serverErrorRate(double rate) {
            this.serverErrorRate = rate;
            return this;
        }

        public Builder slowRate(double rate) {
            this.slowRate = rate;
            return this;
        }

        public Builder slowDelay(Duration delay) {
            this.slowDelay = delay;
            return this;
        }

        public Builder malformedJsonRate(double rate) {
            this.malformedJsonRate = rate;
            return this;
        }

        public Builder failedFlowRate(double rate) {
            this.failedFlowRate = rate;
            return this;
        }

        public Builder strangersInSearch(boolean strangers) {
            this.strangersInSearch = strangers;
            return this;
        }

        public Faults build() {
            return new Faults(latency, requestsPerSecondQuota, uploadsPerSecondQuota, rateLimitedRate, serverErrorRate,
                    slowRate, slowDelay, malformedJsonRate, failedFlowRate, strangersInSearch);
        }
    }
}
