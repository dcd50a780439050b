package io.sandboxpipeline.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpsSettingsTest {

    @Test
    void shouldServeOnLoopbackPort9464ByDefault() {
        OpsSettings settings = OpsSettings.from(ConfigValues.empty());

        assertThat(settings).isEqualTo(new OpsSettings("127.0.0.1", 9464, true));
        assertThat(OpsSettings.defaults()).isEqualTo(settings);
    }

    @Test
    void shouldReadHostPortAndEnabledFromTheEnvironmentAsSpKeys() {
        ConfigValues values = ConfigValues.load(Optional.empty(),
                Map.of("SP_OPS_HOST", "0.0.0.0", "SP_OPS_PORT", "9500", "SP_OPS_ENABLED", "false"), Map.of());

        assertThat(OpsSettings.from(values)).isEqualTo(new OpsSettings("0.0.0.0", 9500, false));
    }

    @Test
    void shouldLetACommandChooseItsOwnDefaultForEnabled() {
        assertThat(OpsSettings.from(ConfigValues.empty(), false).enabled()).isFalse();
        assertThat(OpsSettings.from(ConfigValues.of(Map.of("ops.enabled", "true")), false).enabled()).isTrue();
    }

    @Test
    void shouldRefuseSettingsItCannotServeWithWhatToChange() {
        assertThatThrownBy(() -> OpsSettings.from(ConfigValues.of(Map.of("ops.port", "70000"))))
                .isInstanceOf(ConfigException.class).hasMessage("ops.port must be between 0 and 65535 (0 picks a free port), got 70000");
        assertThatThrownBy(() -> OpsSettings.from(ConfigValues.of(Map.of("ops.port", "metrics"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ops.port must be an integer");
        assertThatThrownBy(() -> new OpsSettings(" ", 9464, true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ops.host must be an address such as 127.0.0.1");
        assertThatThrownBy(() -> OpsSettings.from(ConfigValues.of(Map.of("ops.enabled", "yes"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ops.enabled must be true or false");
    }
}
