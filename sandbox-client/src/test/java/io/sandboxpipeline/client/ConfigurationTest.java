package io.sandboxpipeline.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {

    private static final String SECRET = "live-key-9b7e4c1d2f";

    @Test
    void shouldNeverShowTheApiKeyInToString() {
        ApiKey key = ApiKey.of(SECRET);
        SandboxClientConfig config = SandboxClientConfig.builder().apiKey(key).build();

        assertThat(key).hasToString("ApiKey[***]");
        assertThat(config.toString()).doesNotContain(SECRET).contains("ApiKey[***]");
        assertThat(key.reveal()).isEqualTo(SECRET);
    }

    @Test
    void shouldCompareApiKeysByValueAndStripSurroundingWhitespace() {
        assertThat(ApiKey.of(SECRET + "\n")).isEqualTo(ApiKey.of(SECRET)).hasSameHashCodeAs(ApiKey.of(SECRET));
        assertThat(ApiKey.of(SECRET)).isNotEqualTo(ApiKey.of(SECRET + "x"));
    }

    @Test
    void shouldRejectBadApiKeysWithoutQuotingThem() {
        assertThatThrownBy(() -> ApiKey.of("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be blank");
        assertThatThrownBy(() -> ApiKey.of("secret value")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position 6").hasMessageNotContaining("secret");
    }

    @Test
    void shouldApplyDocumentedDefaults() {
        SandboxClientConfig config = SandboxClientConfig.builder().apiKey(SECRET).build();

        assertThat(config.baseUrl()).isEqualTo(URI.create("https://www.filescan.io"));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.callTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.maxConcurrentRequests()).isEqualTo(32);
        assertThat(config.userAgent()).matches("sandbox-pipeline/\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void shouldRejectInvalidConfigurationWithActionableMessages() {
        SandboxClientConfig.Builder valid = SandboxClientConfig.builder().apiKey(SECRET);

        assertThatThrownBy(() -> SandboxClientConfig.builder().build()).hasMessageContaining("apiKey");
        assertThatThrownBy(() -> valid.baseUrl("ftp://sandbox").build()).hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> valid.baseUrl("https://www.filescan.io/api").build())
                .hasMessageContaining("without the '/api' suffix");
        assertThatThrownBy(() -> valid.baseUrl("https://h/?apikey=x").build()).hasMessageContaining("query");
        assertThatThrownBy(() -> SandboxClientConfig.builder().apiKey(SECRET).maxConcurrentRequests(0).build())
                .hasMessageContaining("maxConcurrentRequests must be at least 1");
        assertThatThrownBy(() -> SandboxClientConfig.builder().apiKey(SECRET).readTimeout(Duration.ZERO).build())
                .hasMessageContaining("readTimeout must be positive");
    }

    @Test
    void shouldDefaultScanOptionsToPrivateAndHideThePassword() {
        ScanOptions defaults = ScanOptions.defaults();
        ScanOptions withPassword = ScanOptions.builder().password("infected-pw").tags(List.of("a", "b")).build();

        assertThat(defaults.isPrivate()).isTrue();
        assertThat(defaults.isPrivateReport()).isFalse();
        assertThat(defaults.password()).isEmpty();
        assertThat(defaults.scanEngine()).isEmpty();
        assertThat(withPassword.toString()).doesNotContain("infected-pw").contains("password=***");
        assertThat(withPassword.joinedTags()).isEqualTo("a|b");
    }

    @Test
    void shouldRejectTagsThatWouldBreakThePipeSeparatedField() {
        assertThatThrownBy(() -> ScanOptions.builder().tags(List.of("a|b")).build())
                .hasMessageContaining("must not contain '|'");
    }

    @Test
    void shouldDescribeAFileOnDiskWithItsNameAndSize(@TempDir Path dir) throws Exception {
        Path sample = Files.writeString(dir.resolve("sample.txt"), "hello");

        FileUpload upload = FileUpload.ofPath(sample);

        assertThat(upload.fileName()).isEqualTo("sample.txt");
        assertThat(upload.size()).isEqualTo(5);
        try (var in = upload.content().open()) {
            assertThat(in.readAllBytes()).asString().isEqualTo("hello");
        }
        assertThatThrownBy(() -> FileUpload.ofPath(dir.resolve("missing"))).hasMessageContaining("not a readable");
    }
}
