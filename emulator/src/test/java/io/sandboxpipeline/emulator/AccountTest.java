package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class AccountTest {

    @Test
    void shouldDescribeTheCurrentUserLikeGetCurrentUserResponse() {
        try (SandboxEmulator emulator = SandboxEmulator.start(
                EmulatorConfig.builder().apiKey(SandboxApi.API_KEY).build())) {
            JsonNode user = new SandboxApi(emulator).json(new SandboxApi(emulator).get("/api/users/me"));

            assertThat(user.get("accountId").asText()).isNotBlank();
            assertThat(user.get("userId").asText()).isNotBlank();
            assertThat(user.get("username").asText()).isNotBlank();
            assertThat(user.get("email").asText()).contains("@");
            assertThat(user.get("allowedFeatures").isArray()).isTrue();
            assertThat(user.get("scanProfiles").isArray()).isTrue();
            assertThat(user.toString()).doesNotContain(SandboxApi.API_KEY);
        }
    }

    @Test
    void shouldReportTheUploadLimitInWholeMegabytes() {
        try (SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder()
                .apiKey(SandboxApi.API_KEY)
                .maxUploadSizeBytes(5L * 1024 * 1024)
                .pollPause(7)
                .build())) {
            SandboxApi api = new SandboxApi(emulator);
            JsonNode config = api.json(api.get("/api/system/config"));

            assertThat(config.get("maxUploadSize").asInt()).isEqualTo(5);
            assertThat(config.get("maxUploadSizeLimit").asInt()).isGreaterThanOrEqualTo(5);
            assertThat(config.get("scanBigFileSize").isInt()).isTrue();
            assertThat(config.get("scanFilesPerUpload").asInt()).isPositive();
            assertThat(config.get("reports").get("queryInterval").get("initial").isInt()).isTrue();
            assertThat(config.get("reports").get("queryInterval").get("withData").asInt()).isEqualTo(7);
        }
    }
}
