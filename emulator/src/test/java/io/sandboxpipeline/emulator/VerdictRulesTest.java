package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerdictRulesTest {

    @RegisterExtension
    final RunningEmulator sandbox = RunningEmulator.scanningIn(Duration.ofSeconds(4), config -> config.failAttempts(2));

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
        String flowId = sandbox.api().submitText("sample.txt", content.replace("EICAR", SandboxApi.EICAR));
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode report = sandbox.api().onlyReport(flowId, "filter=finalVerdict&filter=overallState");

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
        String flowId = sandbox.api().submitFile("big.bin", content);
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode report = sandbox.api().onlyReport(flowId, "filter=finalVerdict&filter=general");

        assertThat(report.get("finalVerdict").get("verdict").asText()).isEqualTo("SUSPICIOUS");
        assertThat(report.get("file").get("hash").asText()).isEqualTo(SandboxApi.sha256(content));
    }

    @Test
    void shouldFailTheFirstScansOfFailMarkedContentAndThenScanItNormally() {
        String content = "SANDBOX-TEST:FAIL";
        String first = sandbox.api().submitText("flaky.txt", content);
        String second = sandbox.api().submitText("flaky.txt", content);
        String third = sandbox.api().submitText("flaky.txt", content);
        sandbox.clock().advance(Duration.ofSeconds(4));

        for (String failed : new String[] {first, second}) {
            JsonNode flow = sandbox.api().report(failed, "filter=overallState&filter=finalVerdict");
            assertThat(flow.get("allFinished").asBoolean()).isTrue();
            assertThat(flow.get("job").get("error").asBoolean()).isTrue();
            assertThat(flow.get("job").get("reason").asText()).contains("SANDBOX-TEST:FAIL");
            assertThat(flow.get("reports").elements().next().get("overallState").asText()).isEqualTo("failed");
        }
        JsonNode retried = sandbox.api().report(third, "filter=overallState&filter=finalVerdict");
        JsonNode report = retried.get("reports").elements().next();
        assertThat(retried.has("job")).isFalse();
        assertThat(report.get("overallState").asText()).isEqualTo("success");
        assertThat(report.get("finalVerdict").get("verdict").asText()).isEqualTo("NO_THREAT");
        assertThat(sandbox.emulator().stats().submissionsOfHash(
                SandboxApi.sha256(content.getBytes(StandardCharsets.US_ASCII)))).isEqualTo(3);
    }

    @Test
    void shouldReportScansThatSucceedOrFailOnlyInPart() {
        String partlyScanned = sandbox.api().submitText("partial.txt", "SANDBOX-TEST:PARTIAL_SUCCESS SANDBOX-TEST:SUSPICIOUS");
        String content = "SANDBOX-TEST:PARTIAL_FAILURE"; // not SANDBOX-TEST:FAIL + suffix: markers must not prefix each other
        String partlyFailed = sandbox.api().submitText("flaky.txt", content);
        sandbox.api().submitText("flaky.txt", content);
        String third = sandbox.api().submitText("flaky.txt", content);
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode success = sandbox.api().onlyReport(partlyScanned, "filter=overallState&filter=finalVerdict");
        assertThat(success.get("overallState").asText()).isEqualTo("success_partial");
        assertThat(success.get("finalVerdict").get("verdict").asText()).as("a partial success has its verdict").isEqualTo("SUSPICIOUS");
        JsonNode failed = sandbox.api().report(partlyFailed, "filter=overallState&filter=finalVerdict");
        assertThat(failed.has("job")).as("no job error for a partial failure").isFalse();
        assertThat(failed.get("reports").elements().next().get("overallState").asText()).isEqualTo("failed_partial");
        assertThat(sandbox.api().onlyReport(third, "filter=overallState").get("overallState").asText()).isEqualTo("success");
    }

    @Test
    void shouldTagTheMediaTypeAndTheMarkers() {
        String flowId = sandbox.api().submitText("eicar.com", SandboxApi.EICAR);
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode tags = sandbox.api().onlyReport(flowId, "filter=allTags").get("allTags");

        assertThat(tags.get(0).get("source").asText()).isEqualTo("MEDIA_TYPE");
        assertThat(tags.get(0).get("isRootTag").asBoolean()).isTrue();
        assertThat(tags.get(0).get("tag").get("name").asText()).isEqualTo("txt");
        assertThat(tags.findValuesAsText("name")).contains("eicar", "test-file");
        assertThat(tags.get(1).get("source").asText()).isEqualTo("SIGNAL");
        assertThat(tags.get(1).get("tag").get("verdict").get("verdict").asText()).isEqualTo("MALICIOUS");
    }

    @Test
    void shouldRecogniseExecutablesByTheirMagicBytes() {
        String flowId = sandbox.api().submitText("tool.exe", "MZ\u0090\u0000 this program cannot be run in DOS mode");
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode report = sandbox.api().onlyReport(flowId, "filter=general&filter=allTags");

        assertThat(report.get("file").get("type").asText()).isEqualTo("pe");
        assertThat(report.get("allTags").get(0).get("tag").get("name").asText()).isEqualTo("peexe");
    }
}
