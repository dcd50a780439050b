package io.sandboxpipeline.core.quota;

import static io.sandboxpipeline.core.quota.Punctuators.TICK_MS;
import static io.sandboxpipeline.core.quota.Punctuators.acquireAll;
import static io.sandboxpipeline.core.quota.Punctuators.dispatchAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LaneReservationTest {

    private static final SandboxEndpoint UPLOAD = SandboxEndpoint.UPLOAD;
    private static final long START = 1_700_000_000_000L;
    private static final long WARM_UP_MS = 2_000;
    private static final long MEASURED_MS = 30_000;

    @Test
    void shouldGiveLiveAtLeastItsReservedRateWhileReplayFloodsAndAsksFirst() {
        QuotaLimiter limiter = rateLimiter();
        long[] granted = new long[2];

        for (long now = START; now < START + WARM_UP_MS + MEASURED_MS; now += TICK_MS) {
            int replay = dispatchAll(limiter, UPLOAD, Lane.REPLAY, "1_0", now);
            int live = dispatchAll(limiter, UPLOAD, Lane.LIVE, "0_0", now);
            if (now >= START + WARM_UP_MS) {
                granted[0] += live;
                granted[1] += replay;
            }
        }

        double seconds = MEASURED_MS / 1000.0;
        assertThat(granted[0] / seconds).as("live calls per second").isGreaterThanOrEqualTo(5.0);
        assertThat(granted[1] / seconds).as("replay still gets the unreserved share").isGreaterThanOrEqualTo(4.5);
        assertThat((granted[0] + granted[1]) / seconds).as("never above the endpoint's rate").isLessThanOrEqualTo(10.0);
    }

    @Test
    void shouldLetLiveUseTheWholeRateWhenItAsksFirst() {
        QuotaLimiter limiter = rateLimiter();
        long live = 0;

        for (long now = START; now < START + WARM_UP_MS + MEASURED_MS; now += TICK_MS) {
            int granted = dispatchAll(limiter, UPLOAD, Lane.LIVE, "0_0", now);
            dispatchAll(limiter, UPLOAD, Lane.REPLAY, "1_0", now);
            live += now >= START + WARM_UP_MS ? granted : 0;
        }

        assertThat(live / (MEASURED_MS / 1000.0)).isGreaterThanOrEqualTo(9.9);
    }

    @Test
    void shouldLetReplayUseTheWholeRateWhenNoLiveCallAsks() {
        QuotaLimiter limiter = rateLimiter();
        long replay = 0;

        for (long now = START; now < START + WARM_UP_MS + MEASURED_MS; now += TICK_MS) {
            int granted = dispatchAll(limiter, UPLOAD, Lane.REPLAY, "1_0", now);
            replay += now >= START + WARM_UP_MS ? granted : 0;
        }

        assertThat(replay / (MEASURED_MS / 1000.0)).isGreaterThanOrEqualTo(9.9);
    }

    @Test
    void shouldHoldReplayToTheUnreservedShareWhileLiveAsksNowAndThenAndBorrowOnceLiveIsQuiet() {
        QuotaLimiter limiter = rateLimiter();
        long replayWhileLiveAsks = 0;
        long live = 0;
        for (long now = START; now < START + 10_000; now += TICK_MS) {
            if ((now - START) % 500 == 0) {
                live += limiter.tryAcquire(UPLOAD, Lane.LIVE, "0_0", now).isPresent() ? 1 : 0;
            }
            replayWhileLiveAsks += dispatchAll(limiter, UPLOAD, Lane.REPLAY, "1_0", now);
        }
        long replayAfterLiveQuiet = 0;
        for (long now = START + 11_000; now < START + 21_000; now += TICK_MS) {
            replayAfterLiveQuiet += dispatchAll(limiter, UPLOAD, Lane.REPLAY, "1_0", now);
        }

        assertThat(live).as("every live call got through").isEqualTo(20);
        assertThat(replayWhileLiveAsks).as("5/s for 10 s plus a burst, though 3/s stay unused").isBetween(50L, 56L);
        assertThat(replayAfterLiveQuiet).as("10/s for 10 s plus a burst").isBetween(100L, 110L);
    }

    @Test
    void shouldKeepReservedSlotsFreeForLiveCallsWhileReplayHoldsAllItMay() {
        QuotaLimiter limiter = slotLimiter(8);
        limiter.tryAcquire(UPLOAD, Lane.LIVE, "0_0", START).orElseThrow().release();

        List<Permit> replay = acquireAll(limiter, UPLOAD, Lane.REPLAY, "1_0", START + 10);
        List<Permit> live = acquireAll(limiter, UPLOAD, Lane.LIVE, "0_0", START + 20);

        assertThat(replay).hasSize(4);
        assertThat(live).hasSize(4);
    }

    @Test
    void shouldLetLiveTakeEverySlotAndReplayEverySlotOnlyWhileLiveIsIdle() {
        QuotaLimiter limiter = slotLimiter(8);

        List<Permit> live = acquireAll(limiter, UPLOAD, Lane.LIVE, "0_0", START);
        live.forEach(Permit::release);
        List<Permit> replayRightAfter = acquireAll(limiter, UPLOAD, Lane.REPLAY, "1_0", START + 500);
        replayRightAfter.forEach(Permit::release);
        List<Permit> replayLater = acquireAll(limiter, UPLOAD, Lane.REPLAY, "1_0", START + 1_000);

        assertThat(live).hasSize(8);
        assertThat(replayRightAfter).hasSize(4);
        assertThat(replayLater).hasSize(8);
    }

    @Test
    void shouldKeepReplayOutOfAFullyReservedEndpointWhileLiveAsks() {
        QuotaLimiter limiter = new QuotaLimiter(QuotaConfig.unlimited()
                .with(UPLOAD, new EndpointLimit(10, 0, 4)).withLiveReservedShare(1.0));
        limiter.tryAcquire(UPLOAD, Lane.LIVE, "0_0", START).orElseThrow().release();

        assertThat(limiter.tryAcquire(UPLOAD, Lane.REPLAY, "1_0", START + 100)).isEmpty();
        assertThat(limiter.tryAcquire(UPLOAD, Lane.REPLAY, "1_0", START + 1_100)).isPresent();
    }

    private static QuotaLimiter rateLimiter() {
        return new QuotaLimiter(QuotaConfig.unlimited().with(UPLOAD, EndpointLimit.perSecond(10)).withLiveReservedShare(0.5));
    }

    private static QuotaLimiter slotLimiter(int maxConcurrent) {
        return new QuotaLimiter(QuotaConfig.unlimited()
                .with(UPLOAD, new EndpointLimit(0, 0, maxConcurrent)).withLiveReservedShare(0.5));
    }
}
