package io.sandboxpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SteadySpecTest {

    private static final WorkloadSpec MAIN = new WorkloadSpec(400, 160, 0.1, 1024, 42);

    @Test
    void shouldArriveAtTheRateForTheDuration() {
        SteadySpec spec = new SteadySpec(5, Duration.ofSeconds(60), 20);

        assertThat(spec.events()).isEqualTo(300);
        assertThat(spec.spacing()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void shouldKeepTheMainWorkloadsSharesOfDistinctAndKnownContents() {
        WorkloadSpec steady = new SteadySpec(5, Duration.ofSeconds(60), 20).workload(MAIN);

        assertThat(steady.events()).isEqualTo(300);
        assertThat(steady.unique()).isEqualTo(120);
        assertThat(steady.knownUnique()).isEqualTo(12);
        assertThat(steady.fileSizeBytes()).isEqualTo(1024);
    }

    @Test
    void shouldSplitTheQuotaSoThePipelinesBudgetsAddUpToTheEmulators() {
        Map<String, String> quota = new SteadySpec(5, Duration.ofSeconds(60), 20).pipelineQuota();

        assertThat(quota).containsEntry("quota.reputation.per.second", "5.0")
                .containsEntry("quota.upload.per.second", "5.0")
                .containsEntry("quota.report.per.second", "10.0");
        assertThat(quota.values().stream().mapToDouble(Double::parseDouble).sum()).isEqualTo(20.0);
        assertThat(new SteadySpec(5, Duration.ofSeconds(60), 0).pipelineQuota()).isEmpty();
    }

    @Test
    void shouldReadRatesPerSecondAndPerMinute() {
        SteadyOptions.RateConverter converter = new SteadyOptions.RateConverter();

        assertThat(converter.convert("5/s")).isEqualTo(5.0);
        assertThat(converter.convert("5")).isEqualTo(5.0);
        assertThat(converter.convert("120/min")).isEqualTo(2.0);
        assertThatThrownBy(() -> converter.convert("fast")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("5/s");
    }

    @Test
    void shouldRefuseARunWithoutEvents() {
        assertThatThrownBy(() -> new SteadySpec(0, Duration.ofSeconds(60), 20))
                .hasMessageContaining("--steady-rate must be a positive number");
        assertThatThrownBy(() -> new SteadySpec(0.1, Duration.ofSeconds(1), 20)).hasMessageContaining("makes no event");
    }
}
