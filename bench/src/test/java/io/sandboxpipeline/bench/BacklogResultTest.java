package io.sandboxpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacklogResultTest {

    private static final BacklogSpec SPEC = new BacklogSpec(100_000, 1_000, 10, true, Duration.ofSeconds(2),
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(1), 256, 42);

    @Test
    void shouldComputeEveryRatioFromTheTwoWindowsAndTheLiveLatencies() {
        BacklogResult result = result(window(0.2, 290, 100L << 20), window(0.5, 285, 180L << 20),
                latencies(List.of(4, 5, 6), List.of(6, 9)), new BacklogResult.Reputation(2_000, 2_000, 100_000));

        assertThat(result.cpuRatio()).hasValueSatisfying(v -> assertThat(v).isCloseTo(2.5, within()));
        assertThat(result.large().uploadsPerSecond()).isCloseTo(9.5, within());
        assertThat(result.quotaUtilisation()).isCloseTo(0.95, within());
        assertThat(result.liveLatencyRatio()).hasValueSatisfying(v -> assertThat(v).isCloseTo(9.0 / 6.0, within()));
        assertThat(result.heapRatio()).hasValueSatisfying(v -> assertThat(v).isCloseTo(1.8, within()));
        assertThat(result.reputation().callsPerUniqueHash())
                .hasValueSatisfying(v -> assertThat(v).isCloseTo(0.02, within()));
        assertThat(result.complete()).isTrue();
    }

    @Test
    void shouldLeaveARatioEmptyWhenItsDivisorIsZeroAndJudgeTheTargetsOnTheRest() {
        BacklogResult result = result(window(0.0, 300, 0), window(0.4, 300, 200L << 20),
                latencies(List.of(), List.of(5)), new BacklogResult.Reputation(0, 0, 0));

        assertThat(result.cpuRatio()).isEmpty();
        assertThat(result.heapRatio()).isEmpty();
        assertThat(result.liveLatencyRatio()).isEmpty();
        assertThat(result.reputation().callsPerUniqueHash()).isEmpty();
        Map<String, Targets.Target> targets = new java.util.LinkedHashMap<>();
        BacklogTargets.evaluate(result).forEach(target -> targets.put(target.id(), target));
        assertThat(targets.get("cpuRatio").met()).isEmpty();
        assertThat(targets.get("quotaUtilisation").met()).contains(true);
    }

    @Test
    void shouldCallALiveLatencyRatioWithUndecidedEventsALowerBoundThatCanOnlyMissTheTarget() {
        LiveTraffic.Latencies starved = new LiveTraffic.Latencies(Map.of(BacklogPhase.IDLE, durations(List.of(4)),
                BacklogPhase.LARGE, durations(List.of(5, 60))), Map.of(BacklogPhase.LARGE, 1), 0);
        LiveTraffic.Latencies mild = new LiveTraffic.Latencies(Map.of(BacklogPhase.IDLE, durations(List.of(4)),
                BacklogPhase.LARGE, durations(List.of(5))), Map.of(BacklogPhase.LARGE, 1), 0);
        BacklogResult.Window window = window(0.1, 300, 100L << 20);

        BacklogResult far = result(window, window, starved, new BacklogResult.Reputation(1, 1, 1));
        BacklogResult near = result(window, window, mild, new BacklogResult.Reputation(1, 1, 1));

        assertThat(far.liveLatencyCensored()).isTrue();
        assertThat(far.liveLatencyRatio()).hasValueSatisfying(v -> assertThat(v).isCloseTo(15.0, within()));
        assertThat(liveTarget(far).met()).contains(false);
        assertThat(liveTarget(far).measured()).isEqualTo("at least 15.00");
        assertThat(liveTarget(near).met()).as("1.25 is only a lower bound").isEmpty();
        assertThat(far.complete()).as("starved live events are a result, not an incomplete run").isTrue();
    }

    private static Targets.Target liveTarget(BacklogResult result) {
        return BacklogTargets.evaluate(result).stream().filter(t -> t.id().equals("liveLatencyRatio")).findFirst()
                .orElseThrow();
    }

    @Test
    void shouldNameThePhasesAsTheJsonDoes() {
        assertThat(BacklogJson.camel(BacklogPhase.SMALL_INGEST)).isEqualTo("smallIngest");
        assertThat(BacklogJson.camel(BacklogPhase.IDLE)).isEqualTo("idle");
    }

    private static BacklogResult result(BacklogResult.Window small, BacklogResult.Window large,
                                        LiveTraffic.Latencies live, BacklogResult.Reputation reputation) {
        return new BacklogResult(SPEC, small, large, Duration.ofSeconds(1), Duration.ofSeconds(20), true, live,
                reputation, true);
    }

    /** A 30 s window. */
    private static BacklogResult.Window window(double cpu, long uploads, long heap) {
        return new BacklogResult.Window(Duration.ofSeconds(30), 1_000, cpu, 1.0, uploads, uploads, 0, heap / 2, heap);
    }

    private static LiveTraffic.Latencies latencies(List<Integer> idleSeconds, List<Integer> largeSeconds) {
        return new LiveTraffic.Latencies(Map.of(BacklogPhase.IDLE, durations(idleSeconds), BacklogPhase.LARGE,
                durations(largeSeconds)), Map.of(), 0);
    }

    private static List<Duration> durations(List<Integer> seconds) {
        return seconds.stream().map(Duration::ofSeconds).toList();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
