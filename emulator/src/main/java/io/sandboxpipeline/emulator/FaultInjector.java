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
        knobs.updateAndGet(current -> knobsFor(faults, current.bucket()));
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

    /** A 429 when the API key is over its quota, or when the dice say so ({@code rateLimitedRate}). */
    Optional<ApiResponse> overQuota() {
        if (roll(current().rateLimitedRate())) {
            return Optional.of(ApiResponse.detail(429, "Too many requests, slow down; retry after 1 s")
                    .withHeader("Retry-After", "1"));
        }
        QuotaBucket bucket = knobs.get().bucket();
        if (bucket == null) {
            return Optional.empty();
        }
        OptionalLong retryAfter = bucket.tryAcquire();
        if (retryAfter.isEmpty()) {
            return Optional.empty();
        }
        long seconds = retryAfter.getAsLong();
        return Optional.of(ApiResponse.detail(429, "API quota exceeded: at most " + bucket.ratePerSecond()
                        + " requests per second for this API key; retry after " + seconds + " s")
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

    private Knobs knobsFor(Faults faults, QuotaBucket previous) {
        double quota = faults.requestsPerSecondQuota();
        if (quota <= 0) {
            return new Knobs(faults, null);
        }
        boolean sameQuota = previous != null && previous.ratePerSecond() == quota;
        return new Knobs(faults, sameQuota ? previous : new QuotaBucket(clock, quota));
    }

    private record Knobs(Faults faults, QuotaBucket bucket) {
    }
}
