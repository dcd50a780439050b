package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthenticationTest {

    @RegisterExtension
    final RunningEmulator sandbox = RunningEmulator.withDefaults();

    @Test
    void shouldAnswer401WithDetailWhenTheKeyIsMissing() {
        HttpResponse<String> response = sandbox.api().send(HttpRequest.newBuilder(url("/api/users/me")).GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(sandbox.api().json(response).get("detail").asText()).contains("X-Api-Key");
    }

    @Test
    void shouldAnswer401WithoutEchoingEitherKeyWhenTheKeyIsWrong() {
        String wrongKey = "wrong-key-abcdef";
        HttpResponse<String> response = sandbox.api().send(HttpRequest.newBuilder(
                        url("/api/reputation/hash?sha256=" + "a".repeat(64)))
                .header("X-Api-Key", wrongKey).GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(sandbox.api().json(response).get("detail").isTextual()).isTrue();
        assertThat(response.body()).doesNotContain(wrongKey).doesNotContain(SandboxApi.API_KEY);
    }

    @Test
    void shouldAcceptTheKeyHeaderInAnyCase() {
        HttpResponse<String> response = sandbox.api().send(HttpRequest.newBuilder(url("/api/users/me"))
                .header("x-api-key", SandboxApi.API_KEY).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sandbox.api().json(response).get("accountId").asText()).isNotBlank();
    }

    @Test
    void shouldCountRejectedRequestsAndTheirStatus() {
        sandbox.api().send(HttpRequest.newBuilder(url("/api/scan/file"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());
        sandbox.api().send(HttpRequest.newBuilder(url("/api/scan/0123456789abcdef01234567/report")).GET().build());

        assertThat(sandbox.emulator().stats().requests(Endpoint.SCAN_FILE)).isEqualTo(1);
        assertThat(sandbox.emulator().stats().requests(Endpoint.REPORT)).isEqualTo(1);
        assertThat(sandbox.emulator().stats().responsesByStatus()).containsEntry(401, 2L);
        assertThat(sandbox.emulator().stats().submissions()).isZero();
    }

    private URI url(String path) {
        return sandbox.emulator().baseUrl().resolve(path);
    }
}
