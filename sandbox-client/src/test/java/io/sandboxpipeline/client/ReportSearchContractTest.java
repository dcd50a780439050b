package io.sandboxpipeline.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SandboxEmulator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code GET /api/reports/search?sha256=} through the real client against the emulator over HTTP. */
class ReportSearchContractTest {

    @Test
    void shouldFindTheFlowsOfAnUploadedHashNewestFirst() throws Exception {
        byte[] content = "search me".getBytes(StandardCharsets.UTF_8);
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        try (SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey("search-key-123456")
                     .scanDuration(Duration.ofMillis(300)).build());
             SandboxClient client = SandboxClient.create(SandboxClientConfig.builder().baseUrl(emulator.baseUrl())
                     .apiKey("search-key-123456").build())) {
            assertThat(client.reportsBySha256(sha256).get(10, TimeUnit.SECONDS)).isEmpty();
            FileUpload upload = new FileUpload("a.txt", content.length, () -> new ByteArrayInputStream(content));
            String first = client.submitFile(upload, ScanOptions.defaults()).get(10, TimeUnit.SECONDS).flowId();
            String second = client.submitFile(upload, ScanOptions.defaults()).get(10, TimeUnit.SECONDS).flowId();

            List<ReportSearchHit> hits = client.reportsBySha256(sha256).get(10, TimeUnit.SECONDS);

            assertThat(hits).extracting(h -> h.flowId().orElseThrow()).containsExactlyInAnyOrder(first, second);
            assertThat(hits).allSatisfy(h -> assertThat(h.sha256()).isEqualTo(sha256));
        }
    }
}
