package io.sandboxpipeline.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayByteSizeTest {

    @Test
    void shouldWriteByteCountsInBinaryUnits() {
        assertThat(ByteSize.format(0)).isEqualTo("0 B");
        assertThat(ByteSize.format(1023)).isEqualTo("1023 B");
        assertThat(ByteSize.format(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSize.format(311L * 1024 * 1024 * 1024 + 400L * 1024 * 1024)).isEqualTo("311.4 GiB");
    }
}
