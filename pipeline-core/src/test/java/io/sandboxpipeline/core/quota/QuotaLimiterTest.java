package io.sandboxpipeline.core.quota;

import static io.sandboxpipeline.core.quota.Punctuators.TICK_MS;
import static io.sandboxpipeline.core.quota.Punctuators.acquireAll;
import static io.sandboxpipeline.core.quota.Punctuators.dispatchAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuotaLimiterTest {

    private static final SandboxEndpoint UPLOAD = SandboxEndpoint.UPLOAD;
    private static final long START = 1_700_000_000_000L;

    @Test
    void shouldHoldAnEndpointToItsRequestsPerSecond() {
        QuotaLimiter limiter = limiter(new EndpointLimit(10, 0, 0));

        int firstTick = dispatchAll(limiter, UPLOAD, Lane.LIVE, "0_0", START);
        int total = firstTick + run(limiter, UPLOAD, START + TICK_MS, START + 30_000);

        assertThat(firstTick).as("one second's burst").isEqualTo(10);
        assertThat(total).as("10/s over 30 s plus the burst").isBetween(305, 310);
    }

    @Test
    void shouldSpreadAPerMinuteQuotaOverTheMinuteInsteadOfSpendingItAtOnce() {
        QuotaLimiter limiter = limiter(new EndpointLimit(0, 60, 0));

        int firstTenSeconds = run(limiter, UPLOAD, START, START + 10_000 - 1);
        int twoMinutes = firstTenSeconds + run(limiter, UPLOAD, START + 10_000, START + 120_000 - 1);

        assertThat(firstTenSeconds).isBetween(10, 11);
        assertThat(twoMinutes).as("60 per minute").isBetween(120, 121);
    }

    @Test
    void shouldApplyTheStricterOfBothRates() {
        QuotaLimiter limiter = limiter(new EndpointLimit(10, 120, 0));

        int tenSeconds = run(limiter, UPLOAD, START, START + 10_000 - 1);

        assertThat(tenSeconds).as("120/min = 2/s wins over 10/s").isBetween(20, 22);
    }

    @Test
    void shouldLimitCallsInFlightUntilTheyAreReleased() {
        QuotaLimiter limiter = limiter(new EndpointLimit(0, 0, 3));

        List<Permit> inFlight = acquireAll(limiter, UPLOAD, Lane.LIVE, "0_0", START);
        inFlight.get(0).release();
        inFlight.get(0).release();
        List<Permit> afterRelease = acquireAll(limiter, UPLOAD, Lane.LIVE, "0_0", START);

        assertThat(inFlight).hasSize(3);
        assertThat(afterRelease).as("releasing twice frees one slot, not two").hasSize(1);
        assertThat(limiter.snapshot(START).endpoint(UPLOAD).inFlight()).isEqualTo(3);
        assertThat(limiter.tryAcquire(SandboxEndpoint.REPORT, Lane.LIVE, "0_0", START)).as("other endpoints unaffected").isPresent();
    }

    @Test
    void shouldPauseForRetryAfterAndThenContinueAtHalfTheRate() {
        QuotaLimiter limiter = limiter(new EndpointLimit(10, 0, 0));
        run(limiter, UPLOAD, START, START + 5_000);

        limiter.onRateLimited(UPLOAD, Optional.of(Duration.ofSeconds(20)), START + 5_000);
        int duringPause = run(limiter, UPLOAD, START + 5_000, START + 25_000 - 1);
        int afterPause = run(limiter, UPLOAD, START + 25_000, START + 45_000 - 1);

        assertThat(duringPause).isZero();
        assertThat(afterPause).as("5/s for 20 s plus a burst").isBetween(100, 106);
        QuotaSnapshot.EndpointState state = limiter.snapshot(START + 25_000).endpoint(UPLOAD);
        assertThat(state.effectivePerSecond()).isEqualTo(5.0);
        assertThat(state.configuredPerSecond()).isEqualTo(10.0);
        assertThat(state.rateLimitedCount()).isEqualTo(1);
        assertThat(state.pausedUntilMs()).isEqualTo(START + 25_000);
        assertThat(state.paused()).isFalse();
    }

    @Test
    void shouldLowerTheRateOnceForTheBurstOf429sFromCallsAlreadyInFlight() {
        QuotaLimiter limiter = limiter(new EndpointLimit(10, 0, 0));

        for (int i = 0; i < 8; i++) {
            limiter.onRateLimited(UPLOAD, Optional.empty(), START + i);
        }

        QuotaSnapshot.EndpointState state = limiter.snapshot(START + 10).endpoint(UPLOAD);
        assertThat(state.effectivePerSecond()).isEqualTo(5.0);
        assertThat(state.rateLimitedCount()).isEqualTo(8);
        assertThat(state.paused()).isTrue();
    }

    @Test
    void shouldBackOffLongerWithEveryIncidentWhenNoRetryAfterIsSent() {
        QuotaLimiter limiter = limiter(new EndpointLimit(10, 0, 0));
        long now = START;
        long[] pauses = new long[4];

        for (int i = 0; i < pauses.length; i++) {
            limiter.onRateLimited(UPLOAD, Optional.empty(), now);
            long until = limiter.snapshot(now).endpoint(UPLOAD).pausedUntilMs();
            pauses[i] = until - now;
            now = until;
        }

        assertThat(pauses).containsExactly(1_000, 2_000, 4_000, 8_000);
        assertThat(limiter.snapshot(now).endpoint(UPLOAD).effectivePerSecond()).as("10% floor").isEqualTo(1.0);
        assertThat(limiter.tryAcquire(UPLOAD, Lane.LIVE, "0_0", now)).isPresent();
    }

    @Test
    void shouldRecoverAdditivelyOnSuccessesAfterThePause() {
        QuotaLimiter limiter = limiter(new EndpointLimit(10, 0, 0));
        limiter.onRateLimited(UPLOAD, Optional.of(Duration.ofSeconds(2)), START);

        limiter.onSuccess(UPLOAD, START + 1_000);
        double stillPaused = limiter.snapshot(START + 1_000).endpoint(UPLOAD).effectivePerSecond();
        for (int i = 0; i < 10; i++) {
            limiter.onSuccess(UPLOAD, START + 2_000 + i);
        }
        double afterTen = limiter.snapshot(START + 3_000).endpoint(UPLOAD).effectivePerSecond();
        for (int i = 0; i < 40; i++) {
            limiter.onSuccess(UPLOAD, START + 3_000 + i);
        }
        double afterFifty = limiter.snapshot(START + 4_000).endpoint(UPLOAD).effectivePerSecond();

        assertThat(stillPaused).as("successes of calls sent before the 429 do not count").isEqualTo(5.0);
        assertThat(afterTen).isCloseTo(7.0, offset(1e-9));
        assertThat(afterFifty).as("never above the configured rate").isEqualTo(10.0);
    }

    @Test
    void shouldCapAnAbsurdRetryAfterSoTheStageDoesNotFreeze() {
        QuotaLimiter limiter = limiter(new EndpointLimit(10, 0, 0));

        limiter.onRateLimited(UPLOAD, Optional.of(Duration.ofDays(1)), START);

        assertThat(limiter.snapshot(START).endpoint(UPLOAD).pausedUntilMs()).isEqualTo(START + Duration.ofMinutes(10).toMillis());
    }

    @Test
    void shouldPauseAnEndpointWithoutARateLimitToo() {
        QuotaLimiter limiter = new QuotaLimiter(QuotaConfig.unlimited());

        limiter.onRateLimited(UPLOAD, Optional.of(Duration.ofSeconds(3)), START);

        assertThat(limiter.tryAcquire(UPLOAD, Lane.LIVE, "0_0", START + 2_999)).isEmpty();
        assertThat(limiter.tryAcquire(UPLOAD, Lane.LIVE, "0_0", START + 3_000)).isPresent();
        assertThat(limiter.tryAcquire(SandboxEndpoint.REPORT, Lane.LIVE, "0_0", START)).isPresent();
    }

    @Test
    void shouldCountGrantsPerLaneInTheSnapshot() {
        QuotaLimiter limiter = new QuotaLimiter(QuotaConfig.unlimited());

        limiter.tryAcquire(UPLOAD, Lane.LIVE, "0_0", START);
        limiter.tryAcquire(UPLOAD, Lane.REPLAY, "0_1", START).orElseThrow().release();
        limiter.tryAcquire(UPLOAD, Lane.REPLAY, "0_1", START);

        QuotaSnapshot.EndpointState state = limiter.snapshot(START).endpoint(UPLOAD);
        assertThat(state.granted(Lane.LIVE)).isEqualTo(1);
        assertThat(state.granted(Lane.REPLAY)).isEqualTo(2);
        assertThat(state.inFlight()).isEqualTo(2);
        assertThat(state.effectivePerSecond()).as("0 = unlimited").isZero();
    }

    private static QuotaLimiter limiter(EndpointLimit upload) {
        return new QuotaLimiter(QuotaConfig.unlimited().with(UPLOAD, upload));
    }

    /** One task with a backlog, one tick every 100 ms from {@code fromMs} to {@code toMs} inclusive. */
    private static int run(QuotaLimiter limiter, SandboxEndpoint endpoint, long fromMs, long toMs) {
        int granted = 0;
        for (long now = fromMs; now <= toMs; now += TICK_MS) {
            granted += dispatchAll(limiter, endpoint, Lane.LIVE, "0_0", now);
        }
        return granted;
    }
}
