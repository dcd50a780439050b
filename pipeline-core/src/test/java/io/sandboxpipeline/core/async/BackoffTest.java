package io.sandboxpipeline.core.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(3));

    @Test
    void shouldDoubleEachTimeWithinTwentyPercentJitter() {
        for (int failures = 1; failures <= 4; failures++) {
            long expected = 1000L << (failures - 1);
            assertThat(backoff.delay(failures, Optional.empty()).toMillis()).isBetween(expected * 8 / 10, expected * 12 / 10);
        }
    }

    @Test
    void shouldNotGrowPastTheCap() {
        assertThat(backoff.delay(40, Optional.empty())).isLessThanOrEqualTo(Duration.ofSeconds(36));
    }

    @Test
    void shouldNeverWaitLessThanRetryAfter() {
        assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(20)))).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void shouldSpreadRetriesOfManyCallersApart() {
        long distinct = IntStream.range(0, 50).mapToLong(i -> backoff.delay(3, Optional.empty()).toMillis()).distinct().count();
        assertThat(distinct).isGreaterThan(25);
    }
}
