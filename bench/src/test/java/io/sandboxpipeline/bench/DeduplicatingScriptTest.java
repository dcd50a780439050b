package io.sandboxpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.emulator.EmulatorConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The careful script against a real emulator: one upload per content, however many copies arrive. */
class DeduplicatingScriptTest {

    @TempDir
    Path dir;

    @Test
    void shouldUploadEachContentOnceAndAnswerItsCopiesWithTheFirstVerdict() throws Exception {
        // given 9 events over 3 contents, arriving every 50 ms, while a scan takes 300 ms
        Workload workload = Workload.generate(new WorkloadSpec(9, 3, 0.0, 256, 7), dir);
        SandboxSpec sandboxSpec = new SandboxSpec(Duration.ofMillis(300), 0, Map.of(), 0);
        BaselineSpec baselines = new BaselineSpec(4, 1, Duration.ofMillis(100), Duration.ofSeconds(30));

        try (BenchSandbox sandbox = BenchSandbox.start(sandboxSpec, EmulatorConfig.DEFAULT_MAX_UPLOAD_SIZE_BYTES)) {
            // when
            ScriptedBaseline.Run run = new ScriptedBaseline(baselines, Clock.systemUTC())
                    .runDeduplicated(sandbox, workload.events(), 4, Duration.ofMillis(50));

            // then
            List<EventResult> results = run.results();
            assertThat(run.failures()).isZero();
            assertThat(results).hasSize(9).allMatch(r -> r.status().equals("DONE") && r.verdict().equals("NO_THREAT"));
            CallCounts calls = sandbox.counts(Workload.uniqueHashes(workload.events()));
            assertThat(calls.submissionsOf(Workload.uniqueHashes(workload.events()))).isEqualTo(3);
            assertThat(calls.reputationCalls()).isEqualTo(3);
            assertThat(results.stream().map(EventResult::flowId).distinct()).hasSize(3);
        }
    }
}
