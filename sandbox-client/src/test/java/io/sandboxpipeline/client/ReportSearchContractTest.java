package io.sandboxpipeline.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.Exchange;
import io.sandboxpipeline.emulator.Faults;
import io.sandboxpipeline.emulator.OpenApiContract;
import io.sandboxpipeline.emulator.SandboxEmulator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client's report search against the emulator's documented "Simple Search" over HTTP. */
class ReportSearchContractTest {

    private static final String KEY = "search-key-123456";

    @Test
    void shouldFindFinishedReportsOfAHashAndOfAnUploadsTagButNotOnesStillScanning() throws Exception {
        byte[] content = "search me".getBytes(StandardCharsets.UTF_8);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        try (SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey(KEY)
                     .scanDuration(Duration.ofMillis(300)).build());
             SandboxClient client = SandboxClient.create(SandboxClientConfig.builder().baseUrl(emulator.baseUrl()).apiKey(KEY).build())) {
            List<Exchange> answers = new CopyOnWriteArrayList<>();
            emulator.observeExchanges(answers::add);
            FileUpload upload = new FileUpload("a.txt", content.length, () -> new ByteArrayInputStream(content));
            String first = client.submitFile(upload, ScanOptions.builder().tags(List.of("sp-firstmarker")).build())
                    .get(10, TimeUnit.SECONDS).flowId();
            assertThat(client.searchReports(sha256).get(10, TimeUnit.SECONDS)).as("still scanning: not listed").isEmpty();
            Thread.sleep(600);
            String second = client.submitFile(upload, ScanOptions.defaults()).get(10, TimeUnit.SECONDS).flowId();
            Thread.sleep(600);

            List<ReportSearchHit> byHash = client.searchReports(sha256).get(10, TimeUnit.SECONDS);
            List<ReportSearchHit> byTag = client.searchReports("sp-firstmarker").get(10, TimeUnit.SECONDS);
            String encoded = Base64.getEncoder().encodeToString(sha256.getBytes(StandardCharsets.US_ASCII));
            List<ReportSearchHit> byEncodedHash = client.searchReports(encoded).get(10, TimeUnit.SECONDS);

            assertThat(byHash).extracting(h -> h.flowId().orElseThrow()).containsExactly(second, first);
            assertThat(byHash).allSatisfy(h -> assertThat(h.isOf(sha256)).isTrue());
            assertThat(byTag).singleElement().satisfies(h -> {
                assertThat(h.flowId()).contains(first);
                assertThat(h.tags()).contains("sp-firstmarker");
            });
            assertThat(byEncodedHash).hasSize(2);
            assertThat(OpenApiContract.violations(answers)).as("answers against the OpenAPI document").isEmpty();
        }
    }

    @Test
    void shouldAnswerOtherUsersReportsWhenTheServiceIgnoresTheQuery() throws Exception {
        try (SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey(KEY)
                     .faults(Faults.builder().strangersInSearch(true).build()).build());
             SandboxClient client = SandboxClient.create(SandboxClientConfig.builder().baseUrl(emulator.baseUrl()).apiKey(KEY).build())) {
            String sha256 = "d".repeat(64);

            List<ReportSearchHit> hits = client.searchReports(sha256).get(10, TimeUnit.SECONDS);

            assertThat(hits).isNotEmpty().noneMatch(h -> h.isOf(sha256));
            assertThat(hits).allSatisfy(h -> assertThat(h.sha256()).isPresent());
        }
    }
}
