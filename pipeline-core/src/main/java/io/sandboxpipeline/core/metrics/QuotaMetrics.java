package io.sandboxpipeline.core.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sandboxpipeline.core.quota.Lane;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.quota.QuotaSnapshot;
import io.sandboxpipeline.core.quota.SandboxEndpoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a {@link QuotaLimiter}'s state per endpoint ({@code reputation}, {@code upload}, {@code report}): the
 * configured and effective rates, concurrency, whether a 429 pause or the outage breaker holds calls back, permits
 * granted per lane, and 429s reported. Values are read from {@link QuotaLimiter#snapshot} at scrape time, so they
 * cost nothing between scrapes.
 */
public final class QuotaMetrics implements Registration {

    public static final String CONFIGURED_RATE = "sandbox.pipeline.quota.configured.requests.per.second";
    public static final String EFFECTIVE_RATE = "sandbox.pipeline.quota.effective.requests.per.second";
    public static final String MAX_CONCURRENT = "sandbox.pipeline.quota.max.concurrent";
    public static final String IN_FLIGHT = "sandbox.pipeline.quota.in.flight";
    public static final String PAUSED = "sandbox.pipeline.quota.paused";
    public static final String BREAKER_OPEN = "sandbox.pipeline.quota.breaker.open";
    public static final String GRANTED = "sandbox.pipeline.quota.granted";
    public static final String RATE_LIMITED = "sandbox.pipeline.quota.rate.limited";

    private final MeterRegistry registry;
    private final List<Meter> meters;

    private QuotaMetrics(MeterRegistry registry, List<Meter> meters) {
        this.registry = registry;
        this.meters = List.copyOf(meters);
    }

    /**
     * Binds the limiter without a {@code stage} tag, reading time from the system clock. With several stages in one
     * process ({@code run all}), use {@link #bind(QuotaLimiter, MeterRegistry, String, Clock)}: each stage has its own
     * limiter, and untagged gauges of the second would be dropped.
     */
    public static QuotaMetrics bind(QuotaLimiter limiter, MeterRegistry registry) {
        return bind(limiter, registry, Tags.empty(), Clock.systemUTC());
    }

    /**
     * @param stage the {@code stage} tag
     * @param clock the time the limiter is asked about; the same clock its callers use (wall-clock time in the stages)
     */
    public static QuotaMetrics bind(QuotaLimiter limiter, MeterRegistry registry, String stage, Clock clock) {
        return bind(limiter, registry, MetricTags.stage(stage), clock);
    }

    private static QuotaMetrics bind(QuotaLimiter limiter, MeterRegistry registry, Tags common, Clock clock) {
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(clock, "clock");
        List<Meter> meters = new ArrayList<>();
        for (SandboxEndpoint endpoint : SandboxEndpoint.values()) {
            Tags tags = common.and(MetricTags.ENDPOINT, endpoint.configName());
            EndpointReader reader = new EndpointReader(limiter, endpoint, clock);
            meters.add(gauge(registry, CONFIGURED_RATE, "Configured request rate (0: unlimited)", tags, reader,
                    state -> state.configuredPerSecond()));
            meters.add(gauge(registry, EFFECTIVE_RATE, "Request rate in use after 429s lowered it (0: unlimited)", tags, reader,
                    state -> state.effectivePerSecond()));
            meters.add(gauge(registry, MAX_CONCURRENT, "Configured concurrent calls (0: unlimited)", tags, reader,
                    state -> state.maxConcurrent()));
            meters.add(gauge(registry, IN_FLIGHT, "Calls holding a permit now", tags, reader, state -> state.inFlight()));
            meters.add(gauge(registry, PAUSED, "1 while a 429's Retry-After pauses the endpoint", tags, reader,
                    state -> state.paused() ? 1 : 0));
            meters.add(Gauge.builder(BREAKER_OPEN, reader, EndpointReader::breakerOpen)
                    .description("1 while the outage breaker holds calls back").tags(tags).strongReference(true).register(registry));
            // function counters hold their object weakly: the gauges above keep the shared reader alive
            for (Lane lane : Lane.values()) {
                meters.add(FunctionCounter.builder(GRANTED, reader, r -> r.state().granted(lane))
                        .description("Permits granted, by lane").tags(tags.and("lane", lane.name().toLowerCase(Locale.ROOT)))
                        .register(registry));
            }
            meters.add(FunctionCounter.builder(RATE_LIMITED, reader, r -> r.state().rateLimitedCount())
                    .description("429 answers reported to the limiter").tags(tags).register(registry));
        }
        return new QuotaMetrics(registry, meters);
    }

    private static Meter gauge(MeterRegistry registry, String name, String description, Tags tags, EndpointReader reader,
                               ToDoubleFunction<QuotaSnapshot.EndpointState> value) {
        return Gauge.builder(name, reader, r -> value.applyAsDouble(r.state())).description(description).tags(tags)
                .strongReference(true).register(registry);
    }

    /** Removes the meters (a stage that stops); safe to call more than once. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
    }

    /** Reads one endpoint's state at scrape time. */
    private record EndpointReader(QuotaLimiter limiter, SandboxEndpoint endpoint, Clock clock) {

        QuotaSnapshot.EndpointState state() {
            return limiter.snapshot(clock.millis()).endpoint(endpoint);
        }

        double breakerOpen() {
            return limiter.isBreakerOpen(endpoint, clock.millis()) ? 1 : 0;
        }
    }
}
