package io.sandboxpipeline.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.core.streams.KafkaSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicCompressionTest {

    @Test
    void shouldDefaultToGzipForOutputsAndLz4Inside() {
        TopicCompression compression = TopicCompression.from(ConfigValues.of(Map.of()));

        assertThat(compression).isEqualTo(new TopicCompression("lz4", "gzip"));
        assertThat(compression.outputReadableByEveryClient()).isTrue();
    }

    @Test
    void shouldReadBothSettingsCaseInsensitively() {
        TopicCompression compression = TopicCompression.from(ConfigValues.of(Map.of(
                "kafka.compression.internal", "ZSTD", "kafka.compression.output", "lz4")));

        assertThat(compression).isEqualTo(new TopicCompression("zstd", "lz4"));
        assertThat(compression.outputReadableByEveryClient()).isFalse();
    }

    @Test
    void shouldRefuseAnUnknownCodecNamingTheSetting() {
        assertThatThrownBy(() -> TopicCompression.from(ConfigValues.of(Map.of("kafka.compression.output", "brotli"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.compression.output").hasMessageContaining("brotli");
    }

    @Test
    void shouldKeepTheSettingsOutOfTheKafkaClientPassthrough() {
        KafkaSettings kafka = KafkaSettings.from(ConfigValues.of(Map.of("kafka.bootstrap.servers", "127.0.0.1:9092",
                "kafka.compression.output", "none")));

        assertThat(kafka.compression().output()).isEqualTo("none");
        assertThat(kafka.passthrough()).doesNotContainKeys("compression.output", "compression.internal");
    }
}
