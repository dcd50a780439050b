package io.sandboxpipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Tag;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryServerTest {

    private final MockSchemaRegistry registry = new MockSchemaRegistry();
    private final SchemaRegistryServer server = SchemaRegistryServer.start(registry);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldListenOnLoopbackOnly() {
        assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.url().getPort()).isPositive();
    }

    @Test
    void shouldRegisterAndServeSubjectsVersionsAndSchemas() throws Exception {
        // when
        HttpResponse<String> first = post("/subjects/arrivals-value/versions", FileArrival.getClassSchema());
        send("PUT", "/config/arrivals-value", "{\"compatibility\":\"NONE\"}");
        HttpResponse<String> second = post("/subjects/arrivals-value/versions", Tag.getClassSchema());

        // then
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
        assertThat(body(first)).isEqualTo(json.readTree("{\"id\":1}"));
        assertThat(body(second)).isEqualTo(json.readTree("{\"id\":2}"));
        assertThat(body(get("/subjects"))).isEqualTo(json.readTree("[\"arrivals-value\"]"));
        assertThat(body(get("/subjects/arrivals-value/versions"))).isEqualTo(json.readTree("[1,2]"));

        JsonNode latest = body(get("/subjects/arrivals-value/versions/latest"));
        assertThat(latest.path("subject").asText()).isEqualTo("arrivals-value");
        assertThat(latest.path("version").asInt()).isEqualTo(2);
        assertThat(latest.path("id").asInt()).isEqualTo(2);
        assertThat(parse(latest.path("schema").asText())).isEqualTo(Tag.getClassSchema());

        JsonNode first1 = body(get("/subjects/arrivals-value/versions/1"));
        assertThat(parse(first1.path("schema").asText())).isEqualTo(FileArrival.getClassSchema());
        assertThat(parse(body(get("/schemas/ids/1")).path("schema").asText())).isEqualTo(FileArrival.getClassSchema());
        assertThat(parse(get("/schemas/ids/1/schema").body())).isEqualTo(FileArrival.getClassSchema());
    }

    @Test
    void shouldLookUpARegisteredSchemaUnderItsSubject() throws Exception {
        post("/subjects/tags-value/versions", Tag.getClassSchema());

        JsonNode found = body(post("/subjects/tags-value", Tag.getClassSchema()));
        HttpResponse<String> missing = post("/subjects/tags-value", FileArrival.getClassSchema());

        assertThat(found.path("version").asInt()).isEqualTo(1);
        assertThat(found.path("id").asInt()).isEqualTo(1);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(body(missing).path("error_code").asInt()).isEqualTo(40403);
    }

    @Test
    void shouldAnswerWithConfluentErrorBodies() throws Exception {
        post("/subjects/tags-value/versions", Tag.getClassSchema());

        assertError(get("/subjects/nothing-value/versions"), 404, 40401, "Subject 'nothing-value' not found.");
        assertError(get("/subjects/tags-value/versions/7"), 404, 40402, "Version 7 not found.");
        assertError(get("/schemas/ids/9"), 404, 40403, "Schema 9 not found");
        assertThat(body(get("/subjects/tags-value/versions/zero")).path("error_code").asInt()).isEqualTo(42202);
        assertThat(body(send("POST", "/subjects/x-value/versions", "{\"schema\":\"{\\\"type\\\":\\\"nope\\\"}\"}"))
                .path("error_code").asInt()).isEqualTo(42201);
        assertError(send("POST", "/subjects/x-value/versions", "not json"), 400, 400, null);
        assertError(send("PATCH", "/subjects/tags-value", ""), 405, 405, "HTTP 405 Method Not Allowed");
        assertError(get("/nothing"), 404, 404, "HTTP 404 Not Found");
        assertThat(registry.subjects()).containsExactly("tags-value");
    }

    @Test
    void shouldReportBackwardCompatibilityLikeConfluentsDefault() throws Exception {
        assertThat(body(get("/config"))).isEqualTo(json.readTree("{\"compatibilityLevel\":\"BACKWARD\"}"));
    }

    @Test
    void shouldStopListeningWhenClosed() {
        server.close();

        assertThatThrownBy(() -> get("/config")).isInstanceOf(IOException.class);
    }

    private void assertError(HttpResponse<String> response, int status, int errorCode, String message) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = body(response);
        assertThat(error.path("error_code").asInt()).isEqualTo(errorCode);
        if (message != null) {
            assertThat(error.path("message").asText()).isEqualTo(message);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Schema schema) throws IOException, InterruptedException {
        return send("POST", path, json.writeValueAsString(Map.of("schema", schema.toString())));
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode body(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }

    private static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }
}
