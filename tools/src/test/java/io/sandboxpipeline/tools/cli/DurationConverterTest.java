package io.sandboxpipeline.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "4s, PT4S",
        "1m, PT1M",
        "2h, PT2H",
        "1d, PT24H",
        "0s, PT0S",
        "' 10 S ', PT10S",
        "PT4S, PT4S",
        "pt1m30s, PT1M30S",
    })
    void shouldReadDurationsWithAUnitOrInIso8601(String text, String expected) {
        assertThat(converter.convert(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "4x", "1.5s", "s", "", "four seconds", "P"})
    void shouldRefuseTextThatIsNotADurationAndShowTheAcceptedForms(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("4s")
                .hasMessageContaining("PT4S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT-4S", "-PT4S"})
    void shouldRefuseNegativeDurations(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999s", "9223372036854775807d"})
    void shouldRefuseDurationsTooLongToRepresent(String text) {
        assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(TypeConversionException.class);
    }
}
