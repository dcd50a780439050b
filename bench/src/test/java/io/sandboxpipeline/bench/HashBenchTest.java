package io.sandboxpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashBenchTest {

    @TempDir
    Path dir;

    @Test
    void shouldHashTheSameBytesAsOpensslAndTheGeneratorAndCleanUp() throws Exception {
        long size = 24L * 1024 * 1024 + 5;

        HashBench.Result result = new HashBench().run(dir, size);

        assertThat(result.digestsAgree()).isTrue();
        assertThat(result.bytes()).isEqualTo(size);
        assertThat(result.oursGbPerSecond()).isPositive();
        if (HashBench.opensslVersion().isPresent()) {
            assertThat(result.opensslGbPerSecond()).hasValueSatisfying(speed -> assertThat(speed).isPositive());
            assertThat(result.ratio()).isPresent();
        } else {
            assertThat(result.ratio()).isEmpty();
            assertThat(result.note()).contains("openssl not found");
        }
        // the direct buffer keeps the file out of the heap: far less than the file's size
        assertThat(result.heapGrowthBytes()).isLessThan(size / 2);
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
