package io.sandboxpipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registry server held to Confluent's Schema Registry API reference: the request and response bodies its
 * documentation gives for configuration, compatibility, modes, deletion and references.
 */
class RegistryApiTest {

    private static final String V1 = "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"ex\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    /** Adds a field with a default: readers of V2 read V1 data (BACKWARD compatible). */
    private static final String V2 = "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"ex\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"double\",\"default\":0}]}";
    /** Adds a field without a default: V1 data lacks it, so this is not BACKWARD compatible. */
    private static final String BREAKING = "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"ex\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"region\",\"type\":\"string\"}]}";

    private final MockSchemaRegistry registry = new MockSchemaRegistry();
    private final SchemaRegistryServer server = SchemaRegistryServer.start(registry);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldEnforceBackwardCompatibilityByDefaultAndAnswer409() throws Exception {
        assertThat(call("POST", "/subjects/payments-value/versions", schemaBody(V1))).isEqualTo(ok("{\"id\":1}"));

        Answer refused = call("POST", "/subjects/payments-value/versions", schemaBody(BREAKING));
        Answer evolved = call("POST", "/subjects/payments-value/versions", schemaBody(V2));

        assertThat(refused.status).isEqualTo(409);
        assertThat(refused.body.path("error_code").asInt()).isEqualTo(409);
        assertThat(refused.body.path("message").asText())
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \"payments-value\"")
                .contains("region");
        assertThat(evolved).isEqualTo(ok("{\"id\":2}"));
        assertThat(call("GET", "/subjects/payments-value/versions", null)).isEqualTo(ok("[1,2]"));
    }

    @Test
    void shouldTestCompatibilityAgainstAVersionWithoutRegistering() throws Exception {
        call("POST", "/subjects/payments-value/versions", schemaBody(V1));

        assertThat(call("POST", "/compatibility/subjects/payments-value/versions/latest", schemaBody(V2)))
                .isEqualTo(ok("{\"is_compatible\":true}"));
        Answer verbose = call("POST", "/compatibility/subjects/payments-value/versions/1?verbose=true", schemaBody(BREAKING));
        assertThat(verbose.body.path("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.body.path("messages").get(0).asText()).contains("READER_FIELD_MISSING_DEFAULT_VALUE", "region");
        assertThat(call("POST", "/compatibility/subjects/payments-value/versions", schemaBody(BREAKING)).body
                .path("is_compatible").asBoolean()).isFalse();
        assertThat(call("POST", "/compatibility/subjects/unknown-value/versions/latest", schemaBody(V1)))
                .isEqualTo(ok("{\"is_compatible\":true}"));
        assertThat(registry.versions("payments-value")).containsExactly(1);
    }

    @Test
    void shouldReadAndWriteGlobalAndSubjectCompatibility() throws Exception {
        assertThat(call("GET", "/config", null)).isEqualTo(ok("{\"compatibilityLevel\":\"BACKWARD\"}"));
        assertThat(call("PUT", "/config", "{\"compatibility\":\"FULL\"}")).isEqualTo(ok("{\"compatibility\":\"FULL\"}"));
        assertThat(call("GET", "/config", null)).isEqualTo(ok("{\"compatibilityLevel\":\"FULL\"}"));

        Answer unset = call("GET", "/config/payments-value", null);
        assertThat(unset.status).isEqualTo(404);
        assertThat(unset.body.path("error_code").asInt()).isEqualTo(40408);
        assertThat(call("GET", "/config/payments-value?defaultToGlobal=true", null))
                .isEqualTo(ok("{\"compatibilityLevel\":\"FULL\"}"));

        assertThat(call("PUT", "/config/payments-value", "{\"compatibility\":\"NONE\"}"))
                .isEqualTo(ok("{\"compatibility\":\"NONE\"}"));
        assertThat(call("GET", "/config/payments-value", null)).isEqualTo(ok("{\"compatibilityLevel\":\"NONE\"}"));
        call("POST", "/subjects/payments-value/versions", schemaBody(V1));
        assertThat(call("POST", "/subjects/payments-value/versions", schemaBody(BREAKING)).status)
                .as("NONE lets anything follow").isEqualTo(200);

        assertThat(call("DELETE", "/config/payments-value", null)).isEqualTo(ok("{\"compatibilityLevel\":\"NONE\"}"));
        assertThat(call("GET", "/config/payments-value", null).status).isEqualTo(404);
        Answer invalid = call("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}");
        assertThat(invalid.status).isEqualTo(422);
        assertThat(invalid.body.path("error_code").asInt()).isEqualTo(42203);
    }

    @Test
    void shouldRefuseRegistrationsInReadOnlyMode() throws Exception {
        assertThat(call("GET", "/mode", null)).isEqualTo(ok("{\"mode\":\"READWRITE\"}"));
        assertThat(call("PUT", "/mode", "{\"mode\":\"READONLY\"}")).isEqualTo(ok("{\"mode\":\"READONLY\"}"));

        Answer refused = call("POST", "/subjects/payments-value/versions", schemaBody(V1));

        assertThat(refused.status).isEqualTo(422);
        assertThat(refused.body.path("error_code").asInt()).isEqualTo(42205);
        assertThat(call("PUT", "/mode/payments-value", "{\"mode\":\"READWRITE\"}").status).isEqualTo(200);
        assertThat(call("POST", "/subjects/payments-value/versions", schemaBody(V1))).isEqualTo(ok("{\"id\":1}"));
        assertThat(call("PUT", "/mode", "{\"mode\":\"SOMETIMES\"}").body.path("error_code").asInt()).isEqualTo(42204);
    }

    @Test
    void shouldAnswer42201ForAnInvalidSchema() throws Exception {
        Answer invalid = call("POST", "/subjects/payments-value/versions",
                schemaBody("{\"type\":\"record\",\"name\":\"Broken\",\"fields\":[{\"name\":\"x\",\"type\":\"nope\"}]}"));
        Answer notJsonSchema = call("POST", "/subjects/payments-value/versions", schemaBody("{not avro"));

        assertThat(invalid.status).isEqualTo(422);
        assertThat(invalid.body.path("error_code").asInt()).isEqualTo(42201);
        assertThat(notJsonSchema.status).isEqualTo(422);
        assertThat(notJsonSchema.body.path("error_code").asInt()).isEqualTo(42201);
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void shouldSoftDeleteThenPermanentlyDeleteVersionsAndSubjects() throws Exception {
        call("POST", "/subjects/payments-value/versions", schemaBody(V1));
        call("POST", "/subjects/payments-value/versions", schemaBody(V2));

        assertThat(call("DELETE", "/subjects/payments-value/versions/2?permanent=true", null).body.path("error_code").asInt())
                .as("permanent only after soft").isEqualTo(40407);
        assertThat(call("DELETE", "/subjects/payments-value/versions/1", null)).isEqualTo(ok("1"));
        assertThat(call("GET", "/subjects/payments-value/versions", null)).isEqualTo(ok("[2]"));
        assertThat(call("GET", "/subjects/payments-value/versions?deleted=true", null)).isEqualTo(ok("[1,2]"));
        assertThat(call("GET", "/subjects/payments-value/versions/1", null).body.path("error_code").asInt()).isEqualTo(40402);
        assertThat(call("GET", "/subjects/payments-value/versions/1?deleted=true", null).body.path("id").asInt()).isEqualTo(1);

        assertThat(call("DELETE", "/subjects/payments-value", null)).isEqualTo(ok("[2]"));
        assertThat(call("DELETE", "/subjects/payments-value", null).body.path("error_code").asInt()).isEqualTo(40404);
        assertThat(call("GET", "/subjects", null)).isEqualTo(ok("[]"));
        assertThat(call("GET", "/subjects?deleted=true", null)).isEqualTo(ok("[\"payments-value\"]"));
        assertThat(call("DELETE", "/subjects/payments-value?permanent=true", null)).isEqualTo(ok("[1,2]"));
        assertThat(call("GET", "/subjects?deleted=true", null)).isEqualTo(ok("[]"));

        // ids are never reused: the same schema gets its old id back, under a new version 1
        assertThat(call("POST", "/subjects/payments-value/versions", schemaBody(V2))).isEqualTo(ok("{\"id\":2}"));
        assertThat(call("GET", "/subjects/payments-value/versions", null)).isEqualTo(ok("[1]"));
    }

    @Test
    void shouldResolveSchemaReferencesAndGuardWhatIsReferenced() throws Exception {
        String currency = "{\"type\":\"enum\",\"name\":\"Currency\",\"namespace\":\"ex\",\"symbols\":[\"EUR\",\"USD\"]}";
        String priced = "{\"type\":\"record\",\"name\":\"Priced\",\"namespace\":\"ex\","
                + "\"fields\":[{\"name\":\"currency\",\"type\":\"ex.Currency\"}]}";
        String reference = "[{\"name\":\"ex.Currency\",\"subject\":\"currency\",\"version\":1}]";
        call("POST", "/subjects/currency/versions", schemaBody(currency));

        Answer withoutReference = call("POST", "/subjects/priced-value/versions", schemaBody(priced));
        Answer registered = call("POST", "/subjects/priced-value/versions",
                "{\"schema\":" + json.writeValueAsString(priced) + ",\"references\":" + reference + "}");

        assertThat(withoutReference.body.path("error_code").asInt()).isEqualTo(42201);
        assertThat(registered).isEqualTo(ok("{\"id\":2}"));
        JsonNode version = call("GET", "/subjects/priced-value/versions/1", null).body;
        assertThat(version.path("references")).isEqualTo(json.readTree(reference));
        assertThat(version.path("schema").asText()).doesNotContain("EUR").contains("\"type\":\"Currency\"");
        assertThat(call("GET", "/schemas/ids/2", null).body.path("references")).isEqualTo(json.readTree(reference));
        assertThat(call("GET", "/subjects/currency/versions/1/referencedby", null)).isEqualTo(ok("[2]"));
        assertThat(registry.schemaById(2).getField("currency").schema().getEnumSymbols()).containsExactly("EUR", "USD");

        Answer stillUsed = call("DELETE", "/subjects/currency", null);
        assertThat(stillUsed.status).isEqualTo(422);
        assertThat(stillUsed.body.path("error_code").asInt()).isEqualTo(42206);
    }

    @Test
    void shouldServeRawSchemasAndWhereAnIdIsUsed() throws Exception {
        call("POST", "/subjects/a-value/versions", schemaBody(V1));
        call("POST", "/subjects/b-value/versions", schemaBody(V1));

        assertThat(call("GET", "/subjects/a-value/versions/1/schema", null)).isEqualTo(ok(V1));
        assertThat(call("GET", "/subjects/a-value/versions/latest/schema", null)).isEqualTo(ok(V1));
        assertThat(call("GET", "/schemas/ids/1/versions", null))
                .isEqualTo(ok("[{\"subject\":\"a-value\",\"version\":1},{\"subject\":\"b-value\",\"version\":1}]"));
        assertThat(call("GET", "/schemas/ids/1/subjects", null)).isEqualTo(ok("[\"a-value\",\"b-value\"]"));
        assertThat(call("GET", "/schemas/types", null)).isEqualTo(ok("[\"AVRO\"]"));
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer ok(String body) throws IOException {
        return new Answer(200, json.readTree(body));
    }

    private String schemaBody(String schema) throws IOException {
        return json.writeValueAsString(Map.of("schema", schema));
    }

    private Answer call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Accept", RegistryProtocol.ACCEPT)
                .header("Content-Type", RegistryProtocol.CONTENT_TYPE);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).hasValue(RegistryProtocol.CONTENT_TYPE);
        return new Answer(response.statusCode(), json.readTree(response.body()));
    }

}
