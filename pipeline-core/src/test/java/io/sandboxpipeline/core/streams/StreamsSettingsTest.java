package io.sandboxpipeline.core.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.streams.KafkaSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** Where other instances of a stage forward interactive queries: application.server from the ops settings. */
class StreamsSettingsTest {

    private static KafkaSettings kafka(String... keysAndValues) {
        Map<String, String> values = new HashMap<>(Map.of("kafka.bootstrap.servers", "broker:9092"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return KafkaSettings.from(ConfigValues.of(values));
    }

    @Test
    void shouldAdvertiseTheOpsEndpointAsApplicationServer() {
        Properties props = StreamsSettings.of(kafka("ops.advertised.host", "10.0.3.17", "ops.port", "9464"), "submitter");

        assertThat(props.get(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("10.0.3.17:9464");
    }

    @Test
    void shouldBracketAnIpv6AdvertisedHost() {
        assertThat(kafka("ops.advertised.host", "fd00::17", "ops.port", "9464").applicationServer()).contains("[fd00::17]:9464");
    }

    @Test
    void shouldAdvertiseTheOpsAddressItselfWhenOthersCanUseIt() {
        assertThat(kafka().applicationServer()).contains("127.0.0.1:9464");
        assertThat(kafka("ops.host", "10.0.3.17", "ops.port", "9500").applicationServer()).contains("10.0.3.17:9500");
    }

    @Test
    void shouldAdvertiseNothingForAWildcardOrEphemeralOpsAddressOrWithoutOps() {
        assertThat(StreamsSettings.of(kafka("ops.host", "0.0.0.0"), "submitter")).doesNotContainKey(StreamsConfig.APPLICATION_SERVER_CONFIG);
        assertThat(kafka("ops.port", "0").applicationServer()).isEmpty();
        assertThat(kafka("ops.enabled", "false").applicationServer()).isEmpty();
    }

    @Test
    void shouldLetAnExplicitApplicationServerWin() {
        KafkaSettings kafka = kafka("kafka.application.server", "submitter-0.submitter:9464", "ops.advertised.host", "10.0.3.17");

        assertThat(kafka.applicationServer()).contains("submitter-0.submitter:9464");
        assertThat(StreamsSettings.of(kafka, "submitter").get(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("submitter-0.submitter:9464");
    }

    @Test
    void shouldRefuseToAdvertiseAnEphemeralPort() {
        assertThatThrownBy(() -> kafka("ops.advertised.host", "10.0.3.17", "ops.port", "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ops.advertised.host")
                .hasMessageContaining("fixed ops.port");
    }
}
