package io.sandboxpipeline.core.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterBreakerTest {

    private final DeadLetterBreaker breaker = new DeadLetterBreaker(100, 50, 0.5, Duration.ofMinutes(1));
    private final List<Duration> pauses = new ArrayList<>();

    DeadLetterBreakerTest() {
        breaker.onTrip(pauses::add);
    }

    @Test
    void shouldLetOccasionalBadRecordsThrough() {
        for (int i = 0; i < 1_000; i++) {
            breaker.record(i % 5 == 0, "bad");
        }

        assertThat(pauses).isEmpty();
    }

    @Test
    void shouldPauseWhenMostInputIsDeadLetteredAndLongerEachTime() {
        for (int i = 0; i < 200; i++) {
            breaker.record(i % 10 != 0, "Unknown magic byte");
        }

        // each trip starts a new window: 200 records of 90% garbage trip it four times, each pause twice as long
        assertThat(pauses).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8));
    }

    @Test
    void shouldNotJudgeBeforeItHasSeenEnough() {
        for (int i = 0; i < 49; i++) {
            breaker.record(true, "bad");
        }

        assertThat(pauses).isEmpty();
    }

    @Test
    void shouldStartOverAfterHealthyInput() {
        for (int i = 0; i < 50; i++) {
            breaker.record(true, "bad");
        }
        for (int i = 0; i < 100; i++) {
            breaker.record(false, null);
        }
        for (int i = 0; i < 60; i++) {
            breaker.record(true, "bad");
        }

        // healthy input in between: the second trip starts from the first pause again
        assertThat(pauses).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(1));
    }
}
