package io.sandboxpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmitterCpuTest {

    @Test
    void shouldDivideTheCpuOfTheThreadsAliveAtTheEndByTheWallTime() {
        // given: thread 1 ran throughout, thread 2 was replaced by thread 3 in between
        SubmitterCpu.Reading start = new SubmitterCpu.Reading(1_000_000_000L, Map.of(1L, 500_000_000L, 2L, 100L));
        SubmitterCpu.Reading end = new SubmitterCpu.Reading(3_000_000_000L, Map.of(1L, 900_000_000L, 3L, 200_000_000L));

        // when / then: (0.4 s + 0.2 s) over 2 s
        assertThat(SubmitterCpu.secondsPerSecond(start, end)).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void shouldMeasureTheCpuOfNamedThreadsOfThisJvm() throws Exception {
        Thread busy = new Thread(() -> {
            long until = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }, "bench-test-StreamThread-1");
        SubmitterCpu cpu = new SubmitterCpu(() -> java.util.Set.of("bench-test-StreamThread-1"));
        busy.start();
        SubmitterCpu.Reading start = cpu.read();
        busy.join();
        Thread idle = new Thread(() -> { }, "unrelated");
        idle.start();
        idle.join();

        assertThat(start.cpuNanosByThread()).hasSize(1);
    }
}
