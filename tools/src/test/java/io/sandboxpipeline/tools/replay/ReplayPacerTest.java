package io.sandboxpipeline.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayPacerTest {

    private final SteppedClock clock = new SteppedClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private final Pacer.Sleeper sleeper = duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    };

    @Test
    void shouldSpaceEventsOutToTheRate() throws InterruptedException {
        Pacer pacer = new Pacer(10, clock, sleeper);
        Instant start = clock.instant();

        for (int i = 0; i < 50; i++) {
            pacer.acquire();
        }

        // 50 events at 10/s: the first at once, the 50th 4.9 s later
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMillis(4900));
        assertThat(sleeps).hasSize(49).containsOnly(Duration.ofMillis(100));
    }

    @Test
    void shouldNotBurstAfterAPause() throws InterruptedException {
        Pacer pacer = new Pacer(10, clock, sleeper);
        pacer.acquire();
        clock.advance(Duration.ofSeconds(5));

        pacer.acquire();
        pacer.acquire();

        assertThat(sleeps).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void shouldRefuseARateBelowOne() {
        assertThatThrownBy(() -> new Pacer(0, clock, sleeper)).hasMessageContaining("--rate must be at least 1");
    }
}
