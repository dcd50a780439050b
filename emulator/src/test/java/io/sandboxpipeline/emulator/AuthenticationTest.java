package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

    private SandboxEmulator emulator;
    private SandboxApi api;

    @BeforeEach
    void start() {
        emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey(SandboxApi.API_KEY).build());
        api = new SandboxApi(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void shouldAnswer401WithDetailWhenTheKeyIsMissing() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(emulator.baseUrl().resolve("/api/users/me"))
                .GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api.json(response).get("detail").asText()).contains("X-Api-Key");
    }

    @Test
    void shouldAnswer401WithoutEchoingEitherKeyWhenTheKeyIsWrong() {
        String wrongKey = "wrong-key-abcdef";
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(
                        emulator.baseUrl().resolve("/api/reputation/hash?sha256=" + "a".repeat(64)))
                .header("X-Api-Key", wrongKey).GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api.json(response).get("detail").isTextual()).isTrue();
        assertThat(response.body()).doesNotContain(wrongKey).doesNotContain(SandboxApi.API_KEY);
    }

    @Test
    void shouldAcceptTheKeyHeaderInAnyCase() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(emulator.baseUrl().resolve("/api/users/me"))
                .header("x-api-key", SandboxApi.API_KEY).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.json(response).get("accountId").asText()).isNotBlank();
    }

    @Test
    void shouldCountRejectedRequestsAndTheirStatus() {
        api.send(HttpRequest.newBuilder(emulator.baseUrl().resolve("/api/scan/file"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());
        api.send(HttpRequest.newBuilder(emulator.baseUrl().resolve("/api/scan/0123456789abcdef01234567/report"))
                .GET().build());

        assertThat(emulator.stats().requests(Endpoint.SCAN_FILE)).isEqualTo(1);
        assertThat(emulator.stats().requests(Endpoint.REPORT)).isEqualTo(1);
        assertThat(emulator.stats().responsesByStatus()).containsEntry(401, 2L);
        assertThat(emulator.stats().submissions()).isZero();
    }
}
