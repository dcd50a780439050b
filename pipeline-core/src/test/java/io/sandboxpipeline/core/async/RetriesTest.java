package io.sandboxpipeline.core.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetriesTest {

    private final Retries<String> retries = new Retries<>(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), new Random(1)));

    @Test
    void shouldHoldWorkBackUntilItsNextAttemptIsDue() {
        int failures = retries.recordFailure("e1", 10_000, Optional.of(Duration.ofSeconds(5)));

        assertThat(failures).isEqualTo(1);
        assertThat(retries.isWaiting("e1", 14_999)).isTrue();
        assertThat(retries.isWaiting("e1", 16_000)).isFalse();
        assertThat(retries.isWaiting("other", 10_000)).isFalse();
    }

    @Test
    void shouldCountFailuresUntilForgotten() {
        retries.recordFailure("e1", 0, Optional.empty());
        retries.recordFailure("e1", 0, Optional.empty());
        assertThat(retries.failures("e1")).isEqualTo(2);

        retries.forget("e1");

        assertThat(retries.failures("e1")).isZero();
        assertThat(retries.isWaiting("e1", 0)).isFalse();
    }
}
