package io.sandboxpipeline.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.core.config.ConfigValues;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChaosConfigTest {

    private final ChaosConfig config = new ChaosConfig("run-1", "127.0.0.1:9092", "http://127.0.0.1:8081",
            URI.create("http://127.0.0.1:8089"), "secret-key", Path.of("/tmp/state"));

    @Test
    void shouldGiveTheChildProcessTheSameSettingsThroughItsEnvironment() {
        ConfigValues fromEnvironment = ConfigValues.load(Optional.empty(), config.environment(), Map.of());

        config.values().forEach((key, value) -> assertThat(fromEnvironment.get(key)).as(key).contains(value));
        assertThat(config.environment()).containsEntry("SANDBOX_API_KEY", "secret-key")
                .containsEntry("SP_SANDBOX_READ_TIMEOUT", "2s")
                .containsEntry("SP_KAFKA_APPLICATION_ID_PREFIX", "chaos-run-1-");
    }

    @Test
    void shouldNeverShowTheApiKey() {
        assertThat(config.toString()).doesNotContain("secret-key").contains("apiKey=***");
    }

    @Test
    void shouldRefuseARunIdThatCannotNameTopics() {
        assertThatThrownBy(() -> new ChaosConfig("Run 1", "127.0.0.1:9092", "mock://x", URI.create("http://127.0.0.1:1"),
                "k", Path.of("state")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runId");
    }
}
