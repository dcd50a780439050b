package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScanLifecycleTest {

    private static final String REPORT_DATE = "\\d{2}/\\d{2}/\\d{4}, \\d{2}:\\d{2}:\\d{2}";

    @RegisterExtension
    final RunningEmulator sandbox = RunningEmulator.scanningIn(Duration.ofSeconds(10),
            config -> config.queueDuration(Duration.ofSeconds(2)));

    @Test
    void shouldMoveFromQueuedThroughInProgressToFinishedAsTheClockAdvances() {
        String content = "just some text";
        String flowId = sandbox.api().submitText("notes.txt", content);
        assertThat(flowId).matches("[0-9a-f]{24}");

        // given a fresh flow: queued, no reports yet
        JsonNode queued = sandbox.api().report(flowId, "");
        assertThat(queued.get("flowId").asText()).isEqualTo(flowId);
        assertThat(queued.get("state").asText()).isEqualTo("queued");
        assertThat(queued.get("allFinished").asBoolean()).isFalse();
        assertThat(queued.get("reports").isObject()).isTrue();
        assertThat(queued.get("reports").size()).isZero();
        assertThat(queued.get("reportsAmount").asInt()).isZero();
        assertThat(queued.get("priority").asText()).isEqualTo("max");
        assertThat(queued.get("pollPause").asInt()).isEqualTo(5);
        assertThat(queued.get("scanStartedDate").asText()).matches(REPORT_DATE);
        assertThat(queued.get("fileSize").asLong()).isEqualTo(content.length());
        assertThat(queued.get("fileReadProgressBytes").asLong()).isEqualTo(content.length());

        // when the queue time has passed: one report in progress
        sandbox.clock().advance(Duration.ofSeconds(3));
        JsonNode scanning = sandbox.api().report(flowId, "");
        JsonNode early = scanning.get("reports").elements().next();
        assertThat(scanning.get("state").asText()).isEqualTo("scanning");
        assertThat(scanning.get("allFinished").asBoolean()).isFalse();
        assertThat(scanning.get("reportsAmount").asInt()).isEqualTo(1);
        assertThat(early.get("overallState").asText()).isEqualTo("in_progress");
        assertThat(early.get("finalVerdict").get("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(early.get("finalVerdict").get("threatLevel").asDouble()).isZero();
        assertThat(early.get("file").get("type").isNull()).isTrue();
        assertThat(early.get("created_date").asText()).matches(REPORT_DATE);
        assertThat(early.get("estimatedTime").isTextual()).isTrue();
        double firstProgress = early.get("estimated_progress").asDouble();
        assertThat(firstProgress).isBetween(0.0, 1.0).isLessThan(1.0);

        sandbox.clock().advance(Duration.ofSeconds(3));
        double laterProgress = sandbox.api().onlyReport(flowId, "").get("estimated_progress").asDouble();
        assertThat(laterProgress).isGreaterThan(firstProgress).isLessThan(1.0);

        // then once scanDuration has passed: finished
        sandbox.clock().advance(Duration.ofSeconds(5));
        JsonNode finished = sandbox.api().report(flowId, "");
        JsonNode report = finished.get("reports").elements().next();
        assertThat(finished.get("allFinished").asBoolean()).isTrue();
        assertThat(finished.get("allFilesDownloadFinished").asBoolean()).isTrue();
        assertThat(finished.get("allAdditionalStepsDone").asBoolean()).isTrue();
        assertThat(finished.get("state").asText()).isEqualTo("finished");
        assertThat(finished.has("job")).isFalse();
        assertThat(report.get("overallState").asText()).isEqualTo("success");
        assertThat(report.get("finalVerdict").toString())
                .isEqualTo("{\"verdict\":\"NO_THREAT\",\"threatLevel\":0.1,\"confidence\":1}");
        assertThat(report.get("file").get("name").asText()).isEqualTo("notes.txt");
        assertThat(report.get("file").get("hash").asText())
                .isEqualTo(SandboxApi.sha256(content.getBytes(StandardCharsets.UTF_8)));
        assertThat(report.get("file").get("type").asText()).isEqualTo("other");
        assertThat(report.get("estimated_progress").asDouble()).isEqualTo(1.0);
        assertThat(sandbox.emulator().stats().reportPolls(flowId)).isEqualTo(4);
    }

    @Test
    void shouldRecordTheSubmittedOptionsPerFlow() {
        byte[] content = "MZ fake executable".getBytes(StandardCharsets.US_ASCII);
        String flowId = sandbox.api().submitFile("setup.exe", content, "is_private", "true",
                "description", "from the test", "tags", "a|b", "password", "s3cret", "some_future_field", "kept");

        SubmittedScan submission = sandbox.emulator().submission(flowId).orElseThrow();

        assertThat(submission.endpoint()).isEqualTo(Endpoint.SCAN_FILE);
        assertThat(submission.fileName()).isEqualTo("setup.exe");
        assertThat(submission.size()).isEqualTo(content.length);
        assertThat(submission.sha256()).isEqualTo(SandboxApi.sha256(content));
        assertThat(submission.isPrivate()).isTrue();
        assertThat(submission.isPrivateReport()).isFalse();
        assertThat(submission.description()).contains("from the test");
        assertThat(submission.field("tags")).contains("a|b");
        assertThat(submission.field("some_future_field")).contains("kept");
        assertThat(submission.toString()).doesNotContain("s3cret");
        assertThat(sandbox.emulator().stats().submissionsOfHash(submission.sha256())).isEqualTo(1);
        assertThat(sandbox.emulator().submission("0123456789abcdef01234567")).isEmpty();
    }

    @Test
    void shouldRejectBooleanFieldsPydanticCannotRead() {
        HttpResponse<String> response = sandbox.api().postMultipart("/api/scan/file", new Multipart()
                .field("is_private", "maybe")
                .file("file", "a.txt", new byte[] {1}));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = sandbox.api().json(response).get("detail").get(0);
        assertThat(error.get("loc").toString()).isEqualTo("[\"body\",\"is_private\"]");
        assertThat(error.get("type").asText()).isEqualTo("bool_parsing");
        assertThat(sandbox.emulator().stats().flowsCreated()).isZero();
    }

    @Test
    void shouldScanAUrlAsAFileNamedByTheUrl() {
        String url = "https://downloads.example.com/tool.exe";
        HttpResponse<String> response = sandbox.api().post("/api/scan/url", "application/x-www-form-urlencoded",
                ("url=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&is_private=on")
                        .getBytes(StandardCharsets.US_ASCII));
        assertThat(response.statusCode()).isEqualTo(200);
        String flowId = sandbox.api().json(response).get("flow_id").asText();
        sandbox.clock().advance(Duration.ofSeconds(10));

        JsonNode file = sandbox.api().onlyReport(flowId, "filter=general").get("file");

        assertThat(file.get("name").asText()).isEqualTo(url);
        assertThat(file.get("hash").asText()).isEqualTo(SandboxApi.sha256(url.getBytes(StandardCharsets.UTF_8)));
        assertThat(file.get("type").asText()).isEqualTo("other");
        assertThat(sandbox.emulator().submission(flowId).orElseThrow().isPrivate()).isTrue();
        assertThat(sandbox.emulator().submission(flowId).orElseThrow().endpoint()).isEqualTo(Endpoint.SCAN_URL);
    }

    @Test
    void shouldAcceptAUrlSubmittedAsMultipartAndRejectAMissingUrl() {
        HttpResponse<String> accepted = sandbox.api().postMultipart("/api/scan/url",
                new Multipart().field("url", "https://example.org/"));
        HttpResponse<String> missing = sandbox.api().postMultipart("/api/scan/url",
                new Multipart().field("description", "no url"));

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(sandbox.api().json(accepted).get("priority").toString())
                .isEqualTo("{\"applied\":100,\"max_possible\":100}");
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(sandbox.api().json(missing).get("detail").get(0).get("loc").toString())
                .isEqualTo("[\"body\",\"url\"]");
    }
}
