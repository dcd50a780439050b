package io.sandboxpipeline.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DataSizeConverterTest {

    private final DataSizeConverter converter = new DataSizeConverter();

    @ParameterizedTest
    @CsvSource({
        "512, 512",
        "512B, 512",
        "64KB, 65536",
        "64kb, 65536",
        "100MB, 104857600",
        "100 MiB, 104857600",
        "2GB, 2147483648",
        "0, 0",
    })
    void shouldReadSizesInBinaryUnits(String text, long expectedBytes) {
        assertThat(converter.convert(text)).isEqualTo(expectedBytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"100TB", "1.5MB", "-1MB", "MB", "", "hundred"})
    void shouldRefuseTextThatIsNotASizeAndShowTheAcceptedForms(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("100MB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999999999GB", "99999999999999999999"})
    void shouldRefuseSizesThatOverflow(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("too large");
    }
}
