package io.sandboxpipeline.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.core.streams.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValuesTest {

    @TempDir
    Path dir;

    @Test
    void shouldLetEnvironmentOverrideTheFileAndOverridesTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("stage.properties"), "sandbox.url=https://file.example\npoller.scan.deadline=10m\ntopic.prefix=file.\n");

        ConfigValues values = ConfigValues.load(Optional.of(file),
                Map.of("SANDBOX_URL", "https://env.example", "SP_POLLER_SCAN_DEADLINE", "20m", "PATH", "/usr/bin"),
                Map.of("topic.prefix", "override."));

        assertThat(values.get("sandbox.url")).contains("https://env.example");
        assertThat(values.getDuration("poller.scan.deadline", Duration.ZERO)).isEqualTo(Duration.ofMinutes(20));
        assertThat(values.get("topic.prefix")).contains("override.");
        assertThat(values.get("path")).isEmpty();
    }

    @Test
    void shouldExplainValuesItCannotUse() {
        ConfigValues values = ConfigValues.of(Map.of("a.duration", "soon", "a.number", "many", "a.flag", "yes"));

        assertThatThrownBy(() -> values.getDuration("a.duration", Duration.ZERO)).hasMessageContaining("a.duration must be a duration");
        assertThatThrownBy(() -> values.getInt("a.number", 0)).hasMessageContaining("a.number must be an integer");
        assertThatThrownBy(() -> values.getBoolean("a.flag", false)).hasMessageContaining("true or false");
    }

    @Test
    void shouldNeverShowValuesInToString() {
        ConfigValues values = ConfigValues.of(Map.of("sandbox.api.key", "s3cr3t-key-value"));

        assertThat(values.toString()).contains("sandbox.api.key").doesNotContain("s3cr3t-key-value");
    }

    @Test
    void shouldReadTheApiKeyFromAFileAndNeverPrintIt() throws Exception {
        Path keyFile = Files.writeString(dir.resolve("key"), "file-key-123456\n");

        SandboxSettings settings = SandboxSettings.from(ConfigValues.of(Map.of("sandbox.api.key.file", keyFile.toString())));

        assertThat(settings.apiKey().reveal()).isEqualTo("file-key-123456");
        assertThat(settings.toString()).doesNotContain("file-key-123456");
    }

    @Test
    void shouldSayHowToProvideAMissingKey() {
        assertThatThrownBy(() -> SandboxSettings.from(ConfigValues.empty()))
                .hasMessageContaining("SANDBOX_API_KEY");
    }

    @Test
    void shouldPassKafkaClientSettingsThroughWithoutShowingThem() {
        KafkaSettings kafka = KafkaSettings.from(ConfigValues.of(Map.of(
                "kafka.bootstrap.servers", "broker:9092",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.jaas.config", "password=\"hunter2\"")));

        assertThat(kafka.passthrough()).containsEntry("security.protocol", "SASL_SSL").doesNotContainKey("bootstrap.servers");
        assertThat(kafka.toString()).doesNotContain("hunter2");
    }
}
