package io.sandboxpipeline.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotaConfigTest {

    @Test
    void shouldUseUnlimitedRatesAndDefaultConcurrencyWhenNothingIsConfigured() {
        QuotaConfig config = QuotaConfig.from(ConfigValues.empty());

        assertThat(config.limit(SandboxEndpoint.REPUTATION)).isEqualTo(new EndpointLimit(0, 0, 32));
        assertThat(config.limit(SandboxEndpoint.UPLOAD)).isEqualTo(new EndpointLimit(0, 0, 8));
        assertThat(config.limit(SandboxEndpoint.REPORT)).isEqualTo(new EndpointLimit(0, 0, 64));
        assertThat(config.liveReservedShare()).isEqualTo(0.5);
    }

    @Test
    void shouldReadEveryEndpointsLimitsAndTheReservedShare() {
        QuotaConfig config = QuotaConfig.from(ConfigValues.of(Map.of(
                "quota.upload.per.second", "0.2",
                "quota.upload.per.minute", "10",
                "quota.upload.max.concurrent", "2",
                "quota.reputation.per.minute", "600",
                "quota.report.max.concurrent", "0",
                "quota.live.reserved.share", "0.25")));

        assertThat(config.limit(SandboxEndpoint.UPLOAD)).isEqualTo(new EndpointLimit(0.2, 10, 2));
        assertThat(config.limit(SandboxEndpoint.UPLOAD).ratePerSecond()).as("the stricter: 10/min").isEqualTo(10 / 60.0);
        assertThat(config.limit(SandboxEndpoint.REPUTATION)).isEqualTo(new EndpointLimit(0, 600, 32));
        assertThat(config.limit(SandboxEndpoint.REPORT).isConcurrencyLimited()).isFalse();
        assertThat(config.liveReservedShare()).isEqualTo(0.25);
    }

    @Test
    void shouldNameTheSettingToFix() {
        assertThatThrownBy(() -> from("quota.upload.per.second", "-1")).isInstanceOf(ConfigException.class)
                .hasMessage("quota.upload.per.second must be 0 (unlimited) or a positive number of requests, got -1.0");
        assertThatThrownBy(() -> from("quota.report.per.minute", "lots")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("quota.report.per.minute must be a number");
        assertThatThrownBy(() -> from("quota.reputation.max.concurrent", "-3")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("quota.reputation.max.concurrent must be 0 (unlimited)");
        assertThatThrownBy(() -> from("quota.live.reserved.share", "50%")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("quota.live.reserved.share must be a number");
        assertThatThrownBy(() -> from("quota.live.reserved.share", "1.5")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("quota.live.reserved.share must be between 0");
    }

    @Test
    void shouldRejectAMisspeltSettingInsteadOfIgnoringIt() {
        assertThatThrownBy(() -> from("quota.uploads.per.second", "1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting quota.uploads.per.second")
                .hasMessageContaining("quota.upload.per.second");
    }

    @Test
    void shouldTreatEndpointsMissingFromTheRecordAsUnlimited() {
        QuotaConfig config = new QuotaConfig(Map.of(SandboxEndpoint.UPLOAD, EndpointLimit.perSecond(1)), 0.5);

        assertThat(config.limit(SandboxEndpoint.REPORT)).isEqualTo(EndpointLimit.UNLIMITED);
        assertThat(config.limits()).containsOnlyKeys(SandboxEndpoint.values());
    }

    @Test
    void shouldRejectImpossibleLimitsInTheRecords() {
        assertThatThrownBy(() -> new EndpointLimit(Double.NaN, 0, 0)).hasMessageContaining("perSecond must be 0 (unlimited)");
        assertThatThrownBy(() -> new EndpointLimit(0, -5, 0)).hasMessageContaining("perMinute must be 0 (unlimited)");
        assertThatThrownBy(() -> new EndpointLimit(0, 0, -1)).hasMessageContaining("maxConcurrent must be 0 (unlimited)");
        assertThatThrownBy(() -> QuotaConfig.unlimited().withLiveReservedShare(-0.1)).hasMessageContaining("liveReservedShare must be between 0");
    }

    private static QuotaConfig from(String key, String value) {
        return QuotaConfig.from(ConfigValues.of(Map.of(key, value)));
    }
}
