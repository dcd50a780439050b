package io.sandboxpipeline.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3SettingsTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void shouldLeaveS3OffWhenNoS3KeyIsSet() {
        assertThat(S3Settings.from(ConfigValues.empty())).isEmpty();
        assertThat(S3Settings.from(ConfigValues.of(Map.of("sandbox.url", "https://www.filescan.io", "s3.region", " ")))).isEmpty();
    }

    @Test
    void shouldReadAnS3CompatibleStoreFromTheEnvironment() {
        ConfigValues values = ConfigValues.load(Optional.empty(), Map.of("SP_S3_ENDPOINT", "http://minio:9000",
                "SP_S3_ACCESS_KEY", "minio-reader", "SP_S3_SECRET_KEY", SECRET), Map.of());

        S3Settings settings = S3Settings.from(values).orElseThrow();

        assertThat(settings.endpoint()).contains(URI.create("http://minio:9000"));
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.pathStyle()).as("path style is the default with an endpoint").isTrue();
        assertThat(settings.credentials()).contains(S3Credentials.of("minio-reader", SECRET));
    }

    @Test
    void shouldDefaultToAmazonS3WithTheDefaultCredentialsChain() {
        S3Settings settings = S3Settings.from(ConfigValues.of(Map.of("s3.region", "eu-central-1"))).orElseThrow();

        assertThat(settings.endpoint()).isEmpty();
        assertThat(settings.region()).isEqualTo("eu-central-1");
        assertThat(settings.pathStyle()).isFalse();
        assertThat(settings.credentials()).isEmpty();
        assertThat(S3Settings.from(ConfigValues.of(Map.of("s3.endpoint", "https://rgw.example.com", "s3.path.style", "false")))
                .orElseThrow().pathStyle()).isFalse();
    }

    @Test
    void shouldNeverShowTheSecretKey() {
        ConfigValues values = ConfigValues.of(Map.of("s3.endpoint", "http://minio:9000", "s3.access.key", "minio-reader",
                "s3.secret.key", SECRET));
        S3Settings settings = S3Settings.from(values).orElseThrow();

        try (S3Objects objects = new S3Objects(settings)) {
            assertThat(settings.toString()).contains("minio-reader").doesNotContain(SECRET);
            assertThat(settings.credentials().orElseThrow().toString()).doesNotContain(SECRET);
            assertThat(objects.toString()).doesNotContain(SECRET);
        }
        assertThatThrownBy(() -> S3Settings.from(ConfigValues.of(Map.of("s3.secret.key", SECRET))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3.access.key and s3.secret.key must be set together")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> S3Settings.from(ConfigValues.of(Map.of("s3.endpoint", "http://reader:" + SECRET + "@minio:9000"))))
                .hasMessageContaining("must not contain user info")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void shouldRejectUnusableValuesWithActionableMessages() {
        assertThatThrownBy(() -> S3Settings.from(ConfigValues.of(Map.of("s3.endpoint", "ftp://minio:21"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3.endpoint must be an http(s) URL");
        assertThatThrownBy(() -> S3Settings.from(ConfigValues.of(Map.of("s3.endpoint", "minio:9000"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("such as http://minio:9000");
        assertThatThrownBy(() -> S3Settings.from(ConfigValues.of(Map.of("s3.region", "us east 1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3.region must be a region name");
        assertThatThrownBy(() -> S3Settings.from(ConfigValues.of(Map.of("s3.path.style", "yes"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3.path.style must be true or false");
        assertThatThrownBy(() -> S3Settings.from(ConfigValues.of(Map.of("s3.access.key", "reader"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be set together");
    }
}
