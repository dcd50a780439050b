package io.sandboxpipeline.core.quota;

import static io.sandboxpipeline.core.quota.Punctuators.TICK_MS;
import static io.sandboxpipeline.core.quota.Punctuators.acquireAll;
import static io.sandboxpipeline.core.quota.Punctuators.dispatchAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskFairnessTest {

    private static final SandboxEndpoint REPORT = SandboxEndpoint.REPORT;
    private static final long START = 1_700_000_000_000L;
    private static final String[] TASKS = {"0_0", "0_1", "0_2", "0_3"};

    /** A call in flight and the time it completes. */
    private record Call(Permit permit, long doneAtMs) {
    }

    @Test
    void shouldShareTheRateEquallyBetweenTasksThatAlwaysAskInTheSameOrder() {
        QuotaLimiter limiter = new QuotaLimiter(QuotaConfig.unlimited().with(REPORT, EndpointLimit.perSecond(10)));
        long[] granted = new long[TASKS.length];

        for (long now = START; now < START + 60_000; now += TICK_MS) {
            for (int t = 0; t < TASKS.length; t++) {
                granted[t] += dispatchAll(limiter, REPORT, Lane.LIVE, TASKS[t], now);
            }
        }

        assertWithinTenPercent(granted);
        assertThat(Arrays.stream(granted).sum()).as("fairness wastes none of the rate").isBetween(605L, 610L);
    }

    @Test
    void shouldShareConcurrencySlotsEquallyBetweenTasksThatAlwaysAskInTheSameOrder() {
        QuotaLimiter limiter = new QuotaLimiter(QuotaConfig.unlimited().with(REPORT, new EndpointLimit(0, 0, 8)));
        long[] granted = new long[TASKS.length];
        Deque<Call> inFlight = new ArrayDeque<>();

        for (long now = START; now < START + 30_000; now += TICK_MS) {
            while (!inFlight.isEmpty() && inFlight.peekFirst().doneAtMs() <= now) {
                inFlight.pollFirst().permit().release();
            }
            for (int t = 0; t < TASKS.length; t++) {
                List<Permit> permits = acquireAll(limiter, REPORT, Lane.LIVE, TASKS[t], now);
                granted[t] += permits.size();
                for (Permit permit : permits) {
                    inFlight.addLast(new Call(permit, now + 3 * TICK_MS));
                }
            }
        }

        assertWithinTenPercent(granted);
        assertThat(Arrays.stream(granted).sum()).as("8 slots, calls of 300 ms, for 30 s").isBetween(790L, 800L);
    }

    @Test
    void shouldNotLetATaskThatWasIdleCrowdOutTheOthersWhenItComesBack() {
        QuotaLimiter limiter = new QuotaLimiter(QuotaConfig.unlimited().with(REPORT, EndpointLimit.perSecond(10)));
        long busy = 0;
        long back = 0;
        limiter.tryAcquire(REPORT, Lane.LIVE, "0_1", START).orElseThrow().release();

        for (long now = START; now < START + 60_000; now += TICK_MS) {
            dispatchAll(limiter, REPORT, Lane.LIVE, "0_0", now);
        }
        for (long now = START + 60_000; now < START + 70_000; now += TICK_MS) {
            back += dispatchAll(limiter, REPORT, Lane.LIVE, "0_1", now);
            busy += dispatchAll(limiter, REPORT, Lane.LIVE, "0_0", now);
        }

        assertThat(back).as("the returning task gets its half, not all 100").isBetween(45L, 55L);
        assertThat(busy).isBetween(45L, 55L);
    }

    @Test
    void shouldLeaveWhatASmallTaskDoesNotNeedToTheTaskWithTheBacklog() {
        QuotaLimiter limiter = new QuotaLimiter(QuotaConfig.unlimited().with(REPORT, EndpointLimit.perSecond(10)));
        long small = 0;
        long large = 0;

        for (long now = START; now < START + 30_000; now += TICK_MS) {
            if ((now - START) % 1_000 == 0) {
                small += limiter.tryAcquire(REPORT, Lane.LIVE, "0_0", now).isPresent() ? 1 : 0;
            }
            large += dispatchAll(limiter, REPORT, Lane.LIVE, "0_1", now);
        }

        assertThat(small).isEqualTo(30);
        assertThat(large).as("the other 9/s").isBetween(270L, 280L);
    }

    @Test
    void shouldForgetTasksThatMovedAwayLongAgo() {
        TaskFairness fairness = new TaskFairness();
        fairness.mayTake("0_0", START);
        fairness.mayTake("0_1", START);

        fairness.mayTake("0_2", START + 120_000);

        assertThat(fairness.knownTasks()).isEqualTo(1);
    }

    private static void assertWithinTenPercent(long[] granted) {
        long min = Arrays.stream(granted).min().orElseThrow();
        long max = Arrays.stream(granted).max().orElseThrow();
        assertThat(min).as("every task is served: %s", Arrays.toString(granted)).isPositive();
        assertThat((double) max / min).as("tasks within 10%% of each other: %s", Arrays.toString(granted)).isLessThanOrEqualTo(1.10);
    }
}
