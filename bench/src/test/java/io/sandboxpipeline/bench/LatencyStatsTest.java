package io.sandboxpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void shouldTakeTheNearestRankWhateverTheOrder() {
        List<Duration> latencies = new ArrayList<>();
        for (int ms = 1; ms <= 200; ms++) {
            latencies.add(Duration.ofMillis(ms));
        }
        Collections.shuffle(latencies, new Random(1));

        LatencyStats stats = LatencyStats.of(latencies);

        assertThat(stats.count()).isEqualTo(200);
        assertThat(stats.p50()).isEqualTo(Duration.ofMillis(100));
        assertThat(stats.p95()).isEqualTo(Duration.ofMillis(190));
        assertThat(stats.p99()).isEqualTo(Duration.ofMillis(198));
        assertThat(stats.max()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void shouldReportTheOnlyValueForEveryPercentileOfOne() {
        LatencyStats stats = LatencyStats.of(List.of(Duration.ofSeconds(3)));

        assertThat(List.of(stats.p50(), stats.p95(), stats.p99(), stats.max())).containsOnly(Duration.ofSeconds(3));
    }

    @Test
    void shouldReportZeroesWithoutLatencies() {
        assertThat(LatencyStats.of(List.of())).isEqualTo(LatencyStats.NONE);
    }
}
