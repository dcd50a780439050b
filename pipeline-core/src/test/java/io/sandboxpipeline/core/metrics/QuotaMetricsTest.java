package io.sandboxpipeline.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.quota.EndpointLimit;
import io.sandboxpipeline.core.quota.Lane;
import io.sandboxpipeline.core.quota.Permit;
import io.sandboxpipeline.core.quota.QuotaConfig;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.quota.SandboxEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuotaMetricsTest {

    private static final long START = 1_700_000_000_000L;

    /** A clock the test moves forward, as the limiter's callers see wall-clock time. */
    private static final class StepClock extends Clock {
        private long millis = START;

        void advance(Duration step) {
            millis += step.toMillis();
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StepClock clock = new StepClock();
    private final QuotaLimiter limiter = new QuotaLimiter(QuotaConfig.unlimited()
            .with(SandboxEndpoint.UPLOAD, new EndpointLimit(2, 0, 8)));

    private double gauge(String name, String endpoint) {
        return registry.get(name).tags("stage", "submitter", "endpoint", endpoint).gauge().value();
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags("stage", "submitter").tags(tags).functionCounter().count();
    }

    @Test
    void shouldPublishEachEndpointsLimitsPermitsInFlightAndGrantsPerLane() {
        QuotaMetrics.bind(limiter, registry, "submitter", clock);
        Permit live = limiter.tryAcquire(SandboxEndpoint.UPLOAD, Lane.LIVE, "0_0", START).orElseThrow();
        limiter.tryAcquire(SandboxEndpoint.UPLOAD, Lane.REPLAY, "0_1", START).orElseThrow().release();

        assertThat(gauge(QuotaMetrics.CONFIGURED_RATE, "upload")).isEqualTo(2);
        assertThat(gauge(QuotaMetrics.EFFECTIVE_RATE, "upload")).isEqualTo(2);
        assertThat(gauge(QuotaMetrics.MAX_CONCURRENT, "upload")).isEqualTo(8);
        assertThat(gauge(QuotaMetrics.IN_FLIGHT, "upload")).isEqualTo(1);
        assertThat(counter(QuotaMetrics.GRANTED, "endpoint", "upload", "lane", "live")).isEqualTo(1);
        assertThat(counter(QuotaMetrics.GRANTED, "endpoint", "upload", "lane", "replay")).isEqualTo(1);
        assertThat(gauge(QuotaMetrics.CONFIGURED_RATE, "report")).as("unlimited").isZero();

        live.release();

        assertThat(gauge(QuotaMetrics.IN_FLIGHT, "upload")).isZero();
    }

    @Test
    void shouldShowA429PauseUntilItsRetryAfterEndsAndTheLoweredRate() {
        QuotaMetrics.bind(limiter, registry, "submitter", clock);

        limiter.onRateLimited(SandboxEndpoint.UPLOAD, Optional.of(Duration.ofSeconds(20)), START);

        assertThat(gauge(QuotaMetrics.PAUSED, "upload")).isEqualTo(1);
        assertThat(gauge(QuotaMetrics.PAUSED, "reputation")).isZero();
        assertThat(gauge(QuotaMetrics.EFFECTIVE_RATE, "upload")).isEqualTo(1);
        assertThat(counter(QuotaMetrics.RATE_LIMITED, "endpoint", "upload")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(20));
        assertThat(gauge(QuotaMetrics.PAUSED, "upload")).isZero();
    }

    @Test
    void shouldShowTheOutageBreakerOpenWhileItHoldsCallsBack() {
        QuotaMetrics.bind(limiter, registry, "submitter", clock);
        for (int i = 0; i < 5; i++) {
            limiter.onOutage(SandboxEndpoint.REPORT, START);
        }

        assertThat(gauge(QuotaMetrics.BREAKER_OPEN, "report")).isEqualTo(1);
        assertThat(gauge(QuotaMetrics.BREAKER_OPEN, "upload")).isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(gauge(QuotaMetrics.BREAKER_OPEN, "report")).as("the cooldown is over: the next call probes").isZero();
    }

    @Test
    void shouldRemoveItsMetersWhenTheStageStops() {
        QuotaMetrics metrics = QuotaMetrics.bind(limiter, registry, "submitter", clock);
        assertThat(registry.find(QuotaMetrics.IN_FLIGHT).gauges()).hasSize(3);

        metrics.close();

        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void shouldBindWithoutAStageTagForAProcessWithOneLimiter() {
        QuotaLimiter configured = new QuotaLimiter(QuotaConfig.from(ConfigValues.of(Map.of("quota.report.max.concurrent", "16"))));

        QuotaMetrics.bind(configured, registry);

        assertThat(registry.get(QuotaMetrics.MAX_CONCURRENT).tags("endpoint", "report").gauge().value()).isEqualTo(16);
    }
}
