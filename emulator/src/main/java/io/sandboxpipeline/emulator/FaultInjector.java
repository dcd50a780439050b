package io.sandboxpipeline.emulator;

import io.sandboxpipeline.emulator.internal.http.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/** Applies the current {@link Faults}; dice are rolled only for knobs that are on. */
final class FaultInjector {

    private final AtomicReference<Knobs> knobs;
    private final Random dice;
    private final Clock clock;

    FaultInjector(Faults faults, Random dice, Clock clock) {
        this.dice = dice;
        this.clock = clock;
        this.knobs = new AtomicReference<>(knobsFor(faults, null));
    }

    void set(Faults faults) {
        knobs.updateAndGet(current -> knobsFor(faults, current));
    }

    Faults current() {
        return knobs.get().faults();
    }

    /** Endpoint latency plus, for a fraction {@code slowRate} of requests, {@code slowDelay}. */
    Duration delayFor(Endpoint endpoint) {
        Faults faults = current();
        Duration delay = faults.latencyOf(endpoint);
        return roll(faults.slowRate()) ? delay.plus(faults.slowDelay()) : delay;
    }

    /**
     * A 429 when the API key is over its quota, when an upload is over the upload quota, or when the dice say so
     * ({@code rateLimitedRate}).
     */
    Optional<ApiResponse> overQuota(Endpoint endpoint) {
        if (roll(current().rateLimitedRate())) {
            return Optional.of(ApiResponse.detail(429, "Too many requests, slow down; retry after 1 s")
                    .withHeader("Retry-After", "1"));
        }
        Knobs current = knobs.get();
        Optional<ApiResponse> limited = overQuota(current.bucket(), "requests");
        if (limited.isPresent() || endpoint != Endpoint.SCAN_FILE) {
            return limited;
        }
        return overQuota(current.uploadBucket(), "uploads");
    }

    private static Optional<ApiResponse> overQuota(QuotaBucket bucket, String what) {
        if (bucket == null) {
            return Optional.empty();
        }
        OptionalLong retryAfter = bucket.tryAcquire();
        if (retryAfter.isEmpty()) {
            return Optional.empty();
        }
        long seconds = retryAfter.getAsLong();
        return Optional.of(ApiResponse.detail(429, "API quota exceeded: at most " + bucket.ratePerSecond()
                        + " " + what + " per second for this API key; retry after " + seconds + " s")
                .withHeader("Retry-After", Long.toString(seconds)));
    }

    /** An injected 500 (plain text, as Starlette sends it), 502 (proxy HTML) or 503. */
    Optional<ApiResponse> serverError() {
        if (!roll(current().serverErrorRate())) {
            return Optional.empty();
        }
        switch (dice.nextInt(3)) {
            case 0:
                return Optional.of(ApiResponse.text(500, "text/plain; charset=utf-8", "Internal Server Error"));
            case 1:
                return Optional.of(ApiResponse.text(502, "text/html",
                        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
                                + "</center></body></html>"));
            default:
                return Optional.of(ApiResponse.detail(503, "Service temporarily unavailable"));
        }
    }

    boolean malformJson() {
        return roll(current().malformedJsonRate());
    }

    boolean failFlow() {
        return roll(current().failedFlowRate());
    }

    private boolean roll(double rate) {
        return rate > 0 && (rate >= 1 || dice.nextDouble() < rate);
    }

    private Knobs knobsFor(Faults faults, Knobs previous) {
        return new Knobs(faults, bucketFor(faults.requestsPerSecondQuota(), previous == null ? null : previous.bucket()),
                bucketFor(faults.uploadsPerSecondQuota(), previous == null ? null : previous.uploadBucket()));
    }

    /** The same bucket while its rate stays, so switching another knob does not refill it. */
    private QuotaBucket bucketFor(double quota, QuotaBucket previous) {
        if (quota <= 0) {
            return null;
        }
        boolean sameQuota = previous != null && previous.ratePerSecond() == quota;
        return sameQuota ? previous : new QuotaBucket(clock, quota);
    }

    private record Knobs(Faults faults, QuotaBucket bucket, QuotaBucket uploadBucket) {
    }
}
