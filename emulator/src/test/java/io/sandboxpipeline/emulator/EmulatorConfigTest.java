package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmulatorConfigTest {

    @Test
    void shouldApplyTheDocumentedDefaults() {
        EmulatorConfig config = EmulatorConfig.builder().apiKey("k").build();

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.scanDuration()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.queueDuration()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.pollPause()).isEqualTo(5);
        assertThat(config.maxUploadSizeBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(config.failAttempts()).isEqualTo(Integer.MAX_VALUE);
        assertThat(config.faults()).isEqualTo(Faults.none());
    }

    @Test
    void shouldRequireAnApiKey() {
        assertThatThrownBy(() -> EmulatorConfig.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey must not be blank");
        assertThatThrownBy(() -> EmulatorConfig.builder().apiKey("  ").build())
                .hasMessageContaining("apiKey must not be blank");
    }

    @Test
    void shouldRejectNegativeDurations() {
        assertThatThrownBy(() -> EmulatorConfig.builder().apiKey("k").scanDuration(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("scanDuration must not be negative");
        assertThatThrownBy(() -> EmulatorConfig.builder().apiKey("k").queueDuration(Duration.ofMillis(-1)).build())
                .hasMessageContaining("queueDuration must not be negative");
    }

    @Test
    void shouldRejectRatesOutsideZeroToOne() {
        assertThatThrownBy(() -> Faults.builder().serverErrorRate(1.5).build())
                .hasMessageContaining("serverErrorRate must be within [0,1]");
        assertThatThrownBy(() -> Faults.builder().malformedJsonRate(-0.1).build())
                .hasMessageContaining("malformedJsonRate must be within [0,1]");
        assertThatThrownBy(() -> Faults.builder().failedFlowRate(Double.NaN).build())
                .hasMessageContaining("failedFlowRate must be within [0,1]");
        assertThatThrownBy(() -> Faults.builder().requestsPerSecondQuota(-1).build())
                .hasMessageContaining("requestsPerSecondQuota");
        assertThatThrownBy(() -> Faults.builder().uploadsPerSecondQuota(Double.POSITIVE_INFINITY).build())
                .hasMessageContaining("uploadsPerSecondQuota");
    }

    @Test
    void shouldNeverPrintTheApiKey() {
        EmulatorConfig config = EmulatorConfig.builder().apiKey("very-secret-key").build();

        assertThat(config.toString()).doesNotContain("very-secret-key").contains("apiKey=***");
    }

    @Test
    void shouldCutAQueueLongerThanTheScan() {
        EmulatorConfig config = EmulatorConfig.builder().apiKey("k")
                .scanDuration(Duration.ZERO).queueDuration(Duration.ofSeconds(3)).build();

        assertThat(config.effectiveQueueDuration()).isEqualTo(Duration.ZERO);
    }
}
