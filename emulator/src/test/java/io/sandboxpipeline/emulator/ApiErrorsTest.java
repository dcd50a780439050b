package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiErrorsTest {

    @RegisterExtension
    final RunningEmulator sandbox = RunningEmulator.withDefaults();

    @Test
    void shouldAnswer404ItemNotFoundForAnUnknownFlow() {
        HttpResponse<String> response = sandbox.api().get("/api/scan/0123456789abcdef01234567/report?filter=general");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Item not found\"}");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void shouldAnswer422ForAFlowIdThatIsNoObjectId() {
        HttpResponse<String> response = sandbox.api().get("/api/scan/not-an-object-id/report");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = sandbox.api().json(response).get("detail").get(0);
        assertThat(error.get("loc").toString()).isEqualTo("[\"path\",\"flow_id\"]");
        assertThat(error.get("input").asText()).isEqualTo("not-an-object-id");
    }

    @Test
    void shouldAnswer404NotFoundForUnknownPathsEvenWithoutKey() {
        HttpResponse<String> response = sandbox.api().send(HttpRequest.newBuilder(
                sandbox.emulator().baseUrl().resolve("/api/no/such/thing")).GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Not Found\"}");
    }

    @Test
    void shouldAnswer405ForAKnownPathWithTheWrongMethod() {
        HttpResponse<String> response = sandbox.api().get("/api/scan/file");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
        assertThat(sandbox.emulator().stats().requests(Endpoint.SCAN_FILE)).isEqualTo(1);
    }
}
