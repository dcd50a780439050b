package io.sandboxpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.emulator.Endpoint;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinPollsTest {

    @Test
    void shouldTakeTheScheduleFromTheServiceRulesAlone() {
        // the Workflow Guide's 2 s before the first poll; then never sooner than pollPause, nor than the Guide's 2 s
        assertThat(ServicePolling.forPollPause(5)).isEqualTo(new ServicePolling(Duration.ofSeconds(2), Duration.ofSeconds(5)));
        assertThat(ServicePolling.forPollPause(12).interval()).isEqualTo(Duration.ofSeconds(12));
        assertThat(ServicePolling.forPollPause(0).interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(ServicePolling.forPollPause(1).interval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldNeedOnePollWhenTheScanIsDoneByTheFirstPoll() {
        assertThat(MinPolls.forService(sandbox(Duration.ZERO, 5, Map.of()))).isEqualTo(1);
        assertThat(MinPolls.forService(sandbox(Duration.ofSeconds(1), 5, Map.of()))).isEqualTo(1);
        assertThat(MinPolls.forService(sandbox(Duration.ofSeconds(2), 5, Map.of()))).isEqualTo(1);
    }

    @Test
    void shouldWaitPollPauseBetweenPollsAfterTheFirst() {
        // polls at 2 s and 7 s: the one at 7 s sees a 4 s, 5 s or 7 s scan finished
        assertThat(MinPolls.forService(sandbox(Duration.ofSeconds(4), 5, Map.of()))).isEqualTo(2);
        assertThat(MinPolls.forService(sandbox(Duration.ofSeconds(5), 5, Map.of()))).isEqualTo(2);
        assertThat(MinPolls.forService(sandbox(Duration.ofSeconds(7), 5, Map.of()))).isEqualTo(2);
        assertThat(MinPolls.forService(sandbox(Duration.ofMillis(7001), 5, Map.of()))).isEqualTo(3);
        assertThat(MinPolls.forService(sandbox(Duration.ofSeconds(30), 5, Map.of()))).isEqualTo(7);
    }

    @Test
    void shouldNeverCountPollsFasterThanEveryTwoSecondsWhateverThePollPause() {
        // pollPause 0 or 1 still allows one poll every 2 s: polls at 2, 4, 6 s
        assertThat(MinPolls.forService(sandbox(Duration.ofSeconds(6), 0, Map.of()))).isEqualTo(3);
        assertThat(MinPolls.forService(sandbox(Duration.ofSeconds(6), 1, Map.of()))).isEqualTo(3);
    }

    @Test
    void shouldCountThePollsFromTheUploadsAnswer() {
        // the scan clock runs while the answer is held back: 2.5 s of upload latency leave 1.5 s, seen by the first poll
        Map<Endpoint, Duration> latency = Map.of(Endpoint.SCAN_FILE, Duration.ofMillis(2500));
        assertThat(MinPolls.forService(sandbox(Duration.ofSeconds(4), 5, latency))).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> MinPolls.of(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval must be positive");
    }

    private static SandboxSpec sandbox(Duration scan, int pollPause, Map<Endpoint, Duration> latency) {
        return new SandboxSpec(scan, pollPause, latency, 0);
    }
}
