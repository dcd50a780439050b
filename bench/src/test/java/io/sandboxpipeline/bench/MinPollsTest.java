package io.sandboxpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MinPollsTest {

    @Test
    void shouldNeedOnePollWhenTheScanIsDoneByTheFirstPoll() {
        assertThat(MinPolls.forPipeline(Duration.ZERO, 5)).isEqualTo(1);
        assertThat(MinPolls.forPipeline(Duration.ofSeconds(1), 5)).isEqualTo(1);
        assertThat(MinPolls.forPipeline(Duration.ofSeconds(2), 5)).isEqualTo(1);
    }

    @Test
    void shouldWaitPollPauseBetweenPollsAfterTheFirst() {
        // polls at 2 s and 7 s: the one at 7 s sees a 4 s, 5 s or 7 s scan finished
        assertThat(MinPolls.forPipeline(Duration.ofSeconds(4), 5)).isEqualTo(2);
        assertThat(MinPolls.forPipeline(Duration.ofSeconds(5), 5)).isEqualTo(2);
        assertThat(MinPolls.forPipeline(Duration.ofSeconds(7), 5)).isEqualTo(2);
        assertThat(MinPolls.forPipeline(Duration.ofMillis(7001), 5)).isEqualTo(3);
        assertThat(MinPolls.forPipeline(Duration.ofSeconds(30), 5)).isEqualTo(7);
    }

    @Test
    void shouldNeverPollFasterThanEveryTwoSecondsWhateverThePollPause() {
        // pollPause 0 or 1 still means one poll every 2 s: polls at 2, 4, 6 s
        assertThat(MinPolls.forPipeline(Duration.ofSeconds(6), 0)).isEqualTo(3);
        assertThat(MinPolls.forPipeline(Duration.ofSeconds(6), 1)).isEqualTo(3);
        assertThat(MinPolls.pipelineInterval(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(MinPolls.pipelineInterval(12)).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void shouldRefuseAnIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> MinPolls.of(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval must be positive");
    }
}
