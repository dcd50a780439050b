package io.sandboxpipeline.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void shouldStartWithOneSecondOfBurstAndThenRefillSteadily() {
        TokenBucket bucket = new TokenBucket(10, 0);

        int burst = takeAll(bucket, 1_000);
        int afterHalfASecond = takeAll(bucket, 1_500);

        assertThat(burst).isEqualTo(10);
        assertThat(afterHalfASecond).isEqualTo(5);
    }

    @Test
    void shouldLetASlowRateThroughOneCallAtATime() {
        TokenBucket bucket = new TokenBucket(0.2, 0);

        assertThat(takeAll(bucket, 0)).isEqualTo(1);
        assertThat(bucket.tryTake(4_500)).isFalse();
        assertThat(bucket.tryTake(5_000)).isTrue();
        assertThat(takeAll(bucket, 60_000)).as("idle time never saves up more than one call").isEqualTo(1);
    }

    @Test
    void shouldKeepTheWholeRateWhenTicksDoNotLineUpWithTheRefill() {
        TokenBucket bucket = new TokenBucket(1, 0);
        int granted = 0;

        for (long now = 0; now < 60_000; now += 100) {
            granted += takeAll(bucket, now);
        }

        assertThat(granted).as("1/s for 60 s with 100 ms ticks").isBetween(60, 61);
    }

    @Test
    void shouldNotMintTokensWhenAnotherThreadPassesAnEarlierTime() {
        TokenBucket bucket = new TokenBucket(10, 0);
        takeAll(bucket, 10_000);

        int granted = takeAll(bucket, 9_000) + takeAll(bucket, 10_050) + takeAll(bucket, 9_500) + takeAll(bucket, 10_100);

        assertThat(granted).isEqualTo(1);
    }

    @Test
    void shouldDropTokensBeyondTheNewCapacityWhenTheRateGoesDown() {
        TokenBucket bucket = new TokenBucket(10, 0);

        bucket.setRate(2, 0);

        assertThat(takeAll(bucket, 0)).isEqualTo(2);
        assertThat(bucket.ratePerSecond()).isEqualTo(2);
    }

    @Test
    void shouldRefuseANonPositiveRate() {
        assertThatThrownBy(() -> new TokenBucket(0, 0)).hasMessageContaining("positive finite rate");
    }

    private static int takeAll(TokenBucket bucket, long nowMs) {
        int taken = 0;
        while (bucket.tryTake(nowMs)) {
            taken++;
        }
        return taken;
    }
}
