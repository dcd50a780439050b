package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerdictRulesTest {

    private final MutableClock clock = MutableClock.atSomeDay();
    private SandboxEmulator emulator;
    private SandboxApi api;

    @BeforeEach
    void start() {
        emulator = SandboxEmulator.start(EmulatorConfig.builder()
                .apiKey(SandboxApi.API_KEY)
                .scanDuration(Duration.ofSeconds(4))
                .failAttempts(2)
                .build(), clock);
        api = new SandboxApi(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "EICAR                                                     | MALICIOUS        | 1",
        "header SANDBOX-TEST:LIKELY_MALICIOUS trailer              | LIKELY_MALICIOUS | 0.75",
        "SANDBOX-TEST:SUSPICIOUS                                   | SUSPICIOUS       | 0.5",
        "SANDBOX-TEST:BENIGN                                       | BENIGN           | -1",
        "nothing to see here                                       | NO_THREAT        | 0.1",
        "SANDBOX-TEST:BENIGN and SANDBOX-TEST:SUSPICIOUS           | SUSPICIOUS       | 0.5",
        "SANDBOX-TEST:SUSPICIOUS plus EICAR                        | MALICIOUS        | 1",
        "SANDBOX-TEST:LIKELY_MALICIOUS SANDBOX-TEST:SUSPICIOUS     | LIKELY_MALICIOUS | 0.75"})
    void shouldDecideTheVerdictFromTheContent(String content, String verdict, double threatLevel) {
        String flowId = api.submitText("sample.txt", content.replace("EICAR", SandboxApi.EICAR));
        clock.advance(Duration.ofSeconds(4));

        JsonNode report = api.onlyReport(flowId, "filter=finalVerdict&filter=overallState");

        assertThat(report.get("overallState").asText()).isEqualTo("success");
        assertThat(report.get("finalVerdict").get("verdict").asText()).isEqualTo(verdict);
        assertThat(report.get("finalVerdict").get("threatLevel").asDouble()).isEqualTo(threatLevel);
        assertThat(report.get("finalVerdict").get("confidence").asInt()).isEqualTo(1);
    }

    @Test
    void shouldFindAMarkerDeepInsideALargeUpload() {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        Arrays.fill(content, (byte) 'a');
        byte[] marker = "SANDBOX-TEST:SUSPICIOUS".getBytes(StandardCharsets.US_ASCII);
        // straddles the 2 MiB point and thus whatever chunk boundary the stream has there
        System.arraycopy(marker, 0, content, 2 * 1024 * 1024 - 9, marker.length);
        String flowId = api.submitFile("big.bin", content);
        clock.advance(Duration.ofSeconds(4));

        JsonNode report = api.onlyReport(flowId, "filter=finalVerdict&filter=general");

        assertThat(report.get("finalVerdict").get("verdict").asText()).isEqualTo("SUSPICIOUS");
        assertThat(report.get("file").get("hash").asText()).isEqualTo(SandboxApi.sha256(content));
    }

    @Test
    void shouldFailTheFirstScansOfFailMarkedContentAndThenScanItNormally() {
        String content = "SANDBOX-TEST:FAIL";
        String first = api.submitText("flaky.txt", content);
        String second = api.submitText("flaky.txt", content);
        String third = api.submitText("flaky.txt", content);
        clock.advance(Duration.ofSeconds(4));

        for (String failed : new String[] {first, second}) {
            JsonNode flow = api.report(failed, "filter=overallState&filter=finalVerdict");
            assertThat(flow.get("allFinished").asBoolean()).isTrue();
            assertThat(flow.get("job").get("error").asBoolean()).isTrue();
            assertThat(flow.get("job").get("reason").asText()).contains("SANDBOX-TEST:FAIL");
            assertThat(flow.get("reports").elements().next().get("overallState").asText()).isEqualTo("failed");
        }
        JsonNode retried = api.report(third, "filter=overallState&filter=finalVerdict");
        JsonNode report = retried.get("reports").elements().next();
        assertThat(retried.has("job")).isFalse();
        assertThat(report.get("overallState").asText()).isEqualTo("success");
        assertThat(report.get("finalVerdict").get("verdict").asText()).isEqualTo("NO_THREAT");
        assertThat(emulator.stats().submissionsOfHash(
                SandboxApi.sha256(content.getBytes(StandardCharsets.US_ASCII)))).isEqualTo(3);
    }

    @Test
    void shouldTagTheMediaTypeAndTheMarkers() {
        String flowId = api.submitText("eicar.com", SandboxApi.EICAR);
        clock.advance(Duration.ofSeconds(4));

        JsonNode tags = api.onlyReport(flowId, "filter=allTags").get("allTags");

        assertThat(tags.get(0).get("source").asText()).isEqualTo("MEDIA_TYPE");
        assertThat(tags.get(0).get("isRootTag").asBoolean()).isTrue();
        assertThat(tags.get(0).get("tag").get("name").asText()).isEqualTo("txt");
        assertThat(tags.findValuesAsText("name")).contains("eicar", "test-file");
        assertThat(tags.get(1).get("source").asText()).isEqualTo("SIGNAL");
        assertThat(tags.get(1).get("tag").get("verdict").get("verdict").asText()).isEqualTo("MALICIOUS");
    }

    @Test
    void shouldRecogniseExecutablesByTheirMagicBytes() {
        String flowId = api.submitText("tool.exe", "MZ\u0090\u0000 this program cannot be run in DOS mode");
        clock.advance(Duration.ofSeconds(4));

        JsonNode report = api.onlyReport(flowId, "filter=general&filter=allTags");

        assertThat(report.get("file").get("type").asText()).isEqualTo("pe");
        assertThat(report.get("allTags").get(0).get("tag").get("name").asText()).isEqualTo("peexe");
    }
}
