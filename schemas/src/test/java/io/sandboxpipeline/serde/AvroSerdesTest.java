package io.sandboxpipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.schemas.ScanOutcome;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdesTest {

    private final MockScope mock = new MockScope();

    @AfterEach
    void dropScope() {
        mock.close();
    }

    @Test
    void shouldBuildAConfiguredBuiltInSerdeByDefault() {
        Serde<ScanOutcome> serde = AvroSerdes.specific(ScanOutcome.class, mock.config(), true);

        byte[] bytes = serde.serializer().serialize("outcomes", SampleRecords.scanOutcome());

        assertThat(serde).isInstanceOf(SpecificAvroSerde.class);
        assertThat(serde.deserializer().deserialize("outcomes", bytes)).isEqualTo(SampleRecords.scanOutcome());
        assertThat(mock.registry().subjects()).containsExactly("outcomes-key");
    }

    @Test
    void shouldSwapInTheSerdeClassNamedInConfigAndConfigureItWithTheSameMap() {
        Map<String, Object> config = withSerdeClass(RecordingSerde.class.getName());

        Serde<ScanOutcome> serde = AvroSerdes.specific(ScanOutcome.class, config, false);

        assertThat(serde).isInstanceOf(RecordingSerde.class);
        RecordingSerde recording = (RecordingSerde) (Serde<?>) serde;
        assertThat(recording.configs).isEqualTo(config);
        assertThat(recording.isKey).isFalse();
    }

    @Test
    void shouldExplainAMissingSerdeClass() {
        Map<String, Object> config = withSerdeClass("io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde");

        assertThatThrownBy(() -> AvroSerdes.specific(ScanOutcome.class, config, false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sandbox.avro.serde.class names io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde, "
                        + "which is not on the classpath: add its jar, or remove the setting to use the built-in serde");
    }

    @Test
    void shouldRefuseAClassThatIsNotASerde() {
        Map<String, Object> config = withSerdeClass(StringBuilder.class.getName());

        assertThatThrownBy(() -> AvroSerdes.specific(ScanOutcome.class, config, false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sandbox.avro.serde.class names java.lang.StringBuilder, which is not an "
                        + "org.apache.kafka.common.serialization.Serde");
    }

    @Test
    void shouldRefuseASerdeWithoutANoArgConstructor() {
        Map<String, Object> config = withSerdeClass(Serdes.WrapperSerde.class.getName());

        assertThatThrownBy(() -> AvroSerdes.specific(ScanOutcome.class, config, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("which has no public no-arg constructor to instantiate it with");
    }

    private Map<String, Object> withSerdeClass(String className) {
        Map<String, Object> config = new HashMap<>(mock.config());
        config.put(AvroSerdes.SERDE_CLASS_CONFIG, className);
        return config;
    }
}
