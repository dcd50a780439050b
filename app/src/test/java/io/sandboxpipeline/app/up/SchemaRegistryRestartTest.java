package io.sandboxpipeline.app.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafkaOptions;
import io.sandboxpipeline.serde.Compatibility;
import io.sandboxpipeline.serde.KafkaSchemaLog;
import io.sandboxpipeline.serde.MockSchemaRegistry;
import io.sandboxpipeline.serde.RegistryException;
import io.sandboxpipeline.serde.SchemaReference;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry `up` serves, kept in `_schemas` on a real broker: a restart brings back every id, version and setting. */
class SchemaRegistryRestartTest {

    private static final String V1 = "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"ex\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    private static final String V2 = "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"ex\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"double\",\"default\":0}]}";
    private static final String CURRENCY = "{\"type\":\"enum\",\"name\":\"Currency\",\"namespace\":\"ex\",\"symbols\":[\"EUR\"]}";
    private static final String PRICED = "{\"type\":\"record\",\"name\":\"Priced\",\"namespace\":\"ex\","
            + "\"fields\":[{\"name\":\"currency\",\"type\":\"ex.Currency\"}]}";
    private static final String BREAKING = "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"ex\","
            + "\"fields\":[{\"name\":\"region\",\"type\":\"string\"}]}";

    @TempDir
    Path dir;

    @Test
    void shouldBringBackIdsVersionsDeletionsAndSettingsAfterARestart() throws Exception {
        EmbeddedKafkaOptions restart;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaOptions.defaults().withDataDir(dir.resolve("kafka")))) {
            KafkaSchemaLog.Opened opened = KafkaSchemaLog.open(kafka.admin(), kafka.bootstrapServers(), "_schemas");
            try (KafkaSchemaLog log = opened.log()) {
                MockSchemaRegistry registry = opened.registry();
                assertThat(registry.register("payments-value", V1, List.of()).id()).isEqualTo(1);
                assertThat(registry.register("payments-value", V2, List.of()).id()).isEqualTo(2);
                registry.register("currency", CURRENCY, List.of());
                registry.register("priced-value", PRICED, List.of(new SchemaReference("ex.Currency", "currency", 1)));
                registry.settings().setCompatibility("payments-value", Compatibility.FULL);
                registry.settings().setMode("currency", "READONLY");
                registry.deleteVersion("payments-value", "1", false);
            }
            ConfigEntry cleanup = kafka.admin().describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "_schemas")))
                    .all().get().values().iterator().next().get("cleanup.policy");
            assertThat(cleanup.value()).isEqualTo("compact");
            restart = kafka.restartOptions();
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(restart)) {
            KafkaSchemaLog.Opened opened = KafkaSchemaLog.open(kafka.admin(), kafka.bootstrapServers(), "_schemas");
            try (KafkaSchemaLog log = opened.log()) {
                MockSchemaRegistry registry = opened.registry();
                assertThat(registry.versions("payments-value")).containsExactly(2);
                assertThat(registry.versions("payments-value", true)).containsExactly(1, 2);
                assertThat(registry.latest("payments-value").orElseThrow().id()).isEqualTo(2);
                assertThat(registry.compatibility("payments-value")).isEqualTo(Compatibility.FULL);
                assertThat(registry.settings().mode("currency")).isEqualTo("READONLY");
                assertThat(registry.latest("priced-value").orElseThrow().references())
                        .containsExactly(new SchemaReference("ex.Currency", "currency", 1));
                assertThat(registry.schemaById(4).getField("currency").schema().getEnumSymbols()).containsExactly("EUR");
                // the rules hold after the restart too, and new ids follow the old ones
                Assertions.assertThatThrownBy(() -> registry.register("payments-value", BREAKING, List.of()))
                        .isInstanceOf(RegistryException.class).hasMessageContaining("incompatible");
                assertThat(registry.register("other-value", BREAKING, List.of()).id()).isEqualTo(5);
                assertThat(registry.register("payments-value", V2, List.of()).version()).isEqualTo(2);
            }
        }
    }

}
