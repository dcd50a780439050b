package io.sandboxpipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Ioc;
import io.sandboxpipeline.schemas.Tag;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryTest {

    private final MockSchemaRegistry registry = new MockSchemaRegistry();

    @Test
    void shouldGiveTheSameIdWhenTheSameSchemaIsRegisteredAgain() {
        int first = registry.register("tags-value", Tag.getClassSchema());
        int again = registry.register("tags-value", Tag.getClassSchema());

        assertThat(again).isEqualTo(first);
        assertThat(registry.versions("tags-value")).containsExactly(1);
    }

    @Test
    void shouldNumberSchemasGloballyAndVersionsPerSubject() {
        registry.settings().setCompatibility("a-value", Compatibility.NONE);
        int tag = registry.register("a-value", Tag.getClassSchema());
        int ioc = registry.register("a-value", Ioc.getClassSchema());
        int tagElsewhere = registry.register("b-value", Tag.getClassSchema());

        assertThat(tag).isEqualTo(1);
        assertThat(ioc).isEqualTo(2);
        assertThat(tagElsewhere).isEqualTo(tag);
        assertThat(registry.latest("a-value").orElseThrow()).isEqualTo(new RegisteredSchema("a-value", 2, 2, Ioc.getClassSchema().toString(), List.of(), Ioc.getClassSchema()));
        assertThat(registry.version("b-value", 1).orElseThrow().id()).isEqualTo(1);
        assertThat(registry.lookup("a-value", Tag.getClassSchema()).orElseThrow().version()).isEqualTo(1);
        assertThat(registry.lookup("b-value", Ioc.getClassSchema())).isEmpty();
        assertThat(registry.schemaById(ioc)).isEqualTo(Ioc.getClassSchema());
    }

    @Test
    void shouldSayWhatIsMissingOnLookup() {
        registry.register("a-value", Tag.getClassSchema());

        assertThatThrownBy(() -> registry.idOf("a-value", FileArrival.getClassSchema()))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Schema io.sandboxpipeline.schemas.FileArrival is not registered under subject 'a-value'");
        assertThatThrownBy(() -> registry.idOf("z-value", Tag.getClassSchema()))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Subject 'z-value' not found");
        assertThatThrownBy(() -> registry.schemaById(3))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Unknown schema id 3");
    }

    @Test
    void shouldShareOneRegistryPerMockScopeUntilTheScopeIsDropped() {
        try (MockScope scope = new MockScope()) {
            SchemaRegistry first = SchemaRegistries.forUrl(scope.url);
            first.register("a-value", Tag.getClassSchema());

            assertThat(SchemaRegistries.forUrl(scope.url)).isSameAs(first);
            SchemaRegistries.dropScope(scope.scope);
            assertThat(SchemaRegistries.forUrl(scope.url)).isNotSameAs(first);
            assertThat(scope.registry().subjects()).isEmpty();
        }
    }

    @Test
    void shouldBuildARestClientForHttpUrls() {
        SchemaRegistry rest = SchemaRegistries.forUrl("http://127.0.0.1:8081, https://registry.example:443/", "u:p");

        assertThat(rest).isInstanceOf(RestSchemaRegistryClient.class);
        assertThat(((RestSchemaRegistryClient) rest).baseUrls())
                .extracting(Object::toString)
                .containsExactly("http://127.0.0.1:8081", "https://registry.example:443");
    }

    @Test
    void shouldRejectMalformedRegistryUrls() {
        assertThatThrownBy(() -> SchemaRegistries.forUrl("mock://"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mock://<scope>");
        assertThatThrownBy(() -> SchemaRegistries.forUrl(" "))
                .isInstanceOf(ConfigException.class)
                .hasMessage("schema.registry.url is empty: give mock://<scope> or http(s)://host:port");
        assertThatThrownBy(() -> SchemaRegistries.forUrl("http://127.0.0.1:8081", "no-colon"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("basic.auth.user.info must have the form user:password");
    }
}
