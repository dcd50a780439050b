package io.sandboxpipeline.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaOptionsTest {

    @Test
    void shouldRefuseOverridesThatCouldMoveAListenerOffLoopback() {
        assertThatThrownBy(() -> EmbeddedKafkaOptions.defaults()
                .withBrokerOverride("listeners", "PLAINTEXT://0.0.0.0:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'listeners'")
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void shouldRefuseNullOverrideValuesNamingTheKey() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("log.retention.ms", null);

        assertThatThrownBy(() -> new EmbeddedKafkaOptions(null, overrides))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("log.retention.ms");
    }

    @Test
    void shouldKeepAnImmutableCopyOfTheOverrides() {
        Map<String, String> overrides = new HashMap<>(Map.of("log.retention.ms", "1000"));
        EmbeddedKafkaOptions options = new EmbeddedKafkaOptions(Path.of("data"), overrides);

        overrides.put("num.partitions", "9");

        assertThat(options.brokerOverrides()).containsExactly(Map.entry("log.retention.ms", "1000"));
        assertThat(new EmbeddedKafkaOptions(null, null).brokerOverrides()).isEmpty();
    }

    @Test
    void shouldKeepFixedPortsThroughTheOtherWithers() {
        EmbeddedKafkaOptions options = EmbeddedKafkaOptions.defaults().withPorts(19092, 19093)
                .withDataDir(Path.of("data")).withBrokerOverride("log.retention.ms", "1000");

        assertThat(options.brokerPort()).isEqualTo(19092);
        assertThat(options.controllerPort()).isEqualTo(19093);
        assertThat(EmbeddedKafkaOptions.defaults().brokerPort()).as("free port by default").isZero();
    }

    @Test
    void shouldRefusePortsOutsideTheTcpRangeNamingTheSetting() {
        assertThatThrownBy(() -> EmbeddedKafkaOptions.defaults().withPorts(-1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("brokerPort")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> EmbeddedKafkaOptions.defaults().withPorts(0, 70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("controllerPort")
                .hasMessageContaining("70000");
    }

    @Test
    void shouldRefuseOnePortForBrokerAndController() {
        assertThatThrownBy(() -> EmbeddedKafkaOptions.defaults().withPorts(19092, 19092))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
    }
}
