package io.sandboxpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.emulator.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cache mode reports both figures, each labelled, and the target names the one it judges. */
class CacheFiguresTest {

    private static final CacheSpec SPEC = new CacheSpec(20_000, 100, Duration.ofSeconds(60));

    @Test
    void shouldReportTheCarriedAndTheHashedFigureSideBySide() {
        BenchResults results = results(phase(true, 1.0), phase(false, 4.0));

        @SuppressWarnings("unchecked")
        Map<String, Object> cache = (Map<String, Object>) BenchJson.of(results).get("cache");

        assertThat(cache).containsKeys("carriedSha256", "hashed", "warmUpSeconds", "exactlyOnce");
        assertThat((Map<String, Object>) cache.get("carriedSha256"))
                .containsEntry("eventsCarrySha256", true).containsEntry("eventsPerSecond", 20_000.0);
        assertThat((Map<String, Object>) cache.get("hashed"))
                .containsEntry("eventsCarrySha256", false).containsEntry("eventsPerSecond", 5_000.0);
    }

    @Test
    void shouldJudgeTheTargetOnCarriedHashesAndShowTheHashedFigureWithIt() {
        BenchResults results = results(phase(true, 1.0), phase(false, 4.0));

        Targets.Target target = Targets.evaluate(results).stream()
                .filter(t -> t.id().equals("cacheHitEventsPerSecond")).findFirst().orElseThrow();

        assertThat(target.description()).contains("events carry sha256");
        assertThat(target.measured()).isEqualTo("20000; pipeline-hashed 5000");
        assertThat(target.met()).contains(true);
    }

    private static CachePhase phase(boolean carry, double wallSeconds) {
        return new CachePhase(carry, SPEC.events(), SPEC.events(), 0, Duration.ofMillis((long) (wallSeconds * 1000)),
                0.0, new CallCounts(new EnumMap<>(Endpoint.class), Map.of(), Map.of()), LatencyStats.NONE,
                new HeapWatch.Peak(0, 0, 0), Map.of());
    }

    private static BenchResults results(CachePhase carried, CachePhase hashed) {
        CacheBench.Result cache = new CacheBench.Result(SPEC, Duration.ofSeconds(8), true, true, carried, hashed);
        return new BenchResults(Instant.EPOCH, BenchMode.CACHE, List.of(), new BenchResults.MachineLoad(0, 0),
                new WorkloadSpec(400, 160, 0.1, 1024, 42), new SandboxSpec(Duration.ofSeconds(4), 5, Map.of(), 0),
                new BaselineSpec(16, 10, Duration.ofSeconds(2), Duration.ofMinutes(10)), Map.of(), Optional.empty(),
                Optional.of(cache), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
