package io.sandboxpipeline.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.core.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The poller's schedule: the service's pace first, then a growing interval, never faster than it asks. */
class PollPolicyTest {

    private final PollPolicy policy = PollPolicy.defaults();

    @Test
    void shouldPollAtTheRecommendedTwoSecondsForTheFirstFifteenPolls() {
        for (int poll = 1; poll <= 15; poll++) {
            assertThat(policy.nextDelay(poll, OptionalInt.empty())).as("after poll %d", poll).isEqualTo(Duration.ofSeconds(2));
        }
        Instant submitted = Instant.parse("2026-12-06T10:00:00Z");
        assertThat(policy.firstPoll(submitted)).isEqualTo(submitted.plusSeconds(2));
        assertThat(policy.deadline(submitted)).isEqualTo(submitted.plus(Duration.ofMinutes(30)));
    }

    @Test
    void shouldGrowTheIntervalByHalfPerPollUpToThirtySeconds() {
        assertThat(policy.nextDelay(16, OptionalInt.empty())).isEqualTo(Duration.ofMillis(3_000));
        assertThat(policy.nextDelay(17, OptionalInt.empty())).isEqualTo(Duration.ofMillis(4_500));
        assertThat(policy.nextDelay(18, OptionalInt.empty())).isEqualTo(Duration.ofMillis(6_750));
        assertThat(policy.nextDelay(21, OptionalInt.empty())).isEqualTo(Duration.ofMillis(22_781));
        assertThat(policy.nextDelay(22, OptionalInt.empty())).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.nextDelay(500, OptionalInt.empty())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldNeverPollSoonerThanThePollPauseTheServiceAnswered() {
        assertThat(policy.nextDelay(1, OptionalInt.of(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.nextDelay(16, OptionalInt.of(12))).isEqualTo(Duration.ofSeconds(12));
        assertThat(policy.nextDelay(40, OptionalInt.of(45))).as("a pollPause above the cap wins").isEqualTo(Duration.ofSeconds(45));
        assertThat(policy.nextDelay(3, OptionalInt.of(0))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldKeepAThirtyMinuteScanUnderEightyPolls() {
        Duration waited = Duration.ZERO;
        int polls = 0;
        while (waited.compareTo(Duration.ofMinutes(30)) < 0) {
            polls++;
            Duration next = policy.nextDelay(polls, OptionalInt.empty());
            assertThat(next).isGreaterThanOrEqualTo(PollPolicy.SERVICE_MINIMUM);
            waited = waited.plus(next);
        }
        // 15 polls in the first 30 s, then the interval grows to its 30 s cap: a long scan costs about 80 polls
        assertThat(polls).isBetween(70, 80);
    }

    @Test
    void shouldKeepTheBaseIntervalWhenGrowthIsOff() {
        PollPolicy flat = new PollPolicy(Duration.ofSeconds(3), Duration.ofSeconds(30), 0, 1.0, Duration.ofMinutes(5));

        assertThat(flat.nextDelay(1, OptionalInt.empty())).isEqualTo(Duration.ofSeconds(3));
        assertThat(flat.nextDelay(100, OptionalInt.empty())).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void shouldRefuseSettingsThatWouldPollFasterThanTheServiceAllowsOrNeverEnd() {
        assertThatThrownBy(() -> new PollPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 15, 1.5, Duration.ofMinutes(30)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 2s");
        assertThatThrownBy(() -> new PollPolicy(Duration.ofSeconds(5), Duration.ofSeconds(4), 15, 1.5, Duration.ofMinutes(30)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("poller.max.poll.interval");
        assertThatThrownBy(() -> new PollPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30), 15, 0.9, Duration.ofMinutes(30)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("poller.backoff.factor");
        assertThatThrownBy(() -> new PollPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30), 15, 1.5, Duration.ZERO))
                .isInstanceOf(ConfigException.class).hasMessageContaining("poller.scan.deadline");
    }
}
