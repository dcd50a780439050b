package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every route the emulator serves and every error class it answers, over HTTP. {@link RunningEmulator} holds each
 * answer to the service's OpenAPI document after the test (as it does for every emulator test); the tests here make
 * sure each route and error is exercised, and that the judge itself can tell a wrong answer from a right one.
 */
class EmulatorOpenApiContractTest {

    @RegisterExtension
    final RunningEmulator sandbox = RunningEmulator.scanningIn(Duration.ofSeconds(4),
            config -> config.maxUploadSizeBytes(1024).failAttempts(1));

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shouldAnswerEveryRouteAsTheDocumentDeclares() {
        String flowId = sandbox.api().submitText("doc.txt", "contact admin@example.org, see http://example.org/x",
                "tags", "sp-contract|docs", "description", "a contract test upload");
        String archive = sandbox.api().submitFile("a.zip", TestZips.zip(Map.of("inner.txt",
                "SANDBOX-TEST:SUSPICIOUS".getBytes(StandardCharsets.US_ASCII))));
        String url = sandbox.api().json(sandbox.api().post("/api/scan/url", "application/x-www-form-urlencoded",
                "url=https%3A%2F%2Fexample.org%2F".getBytes(StandardCharsets.US_ASCII))).get("flow_id").asText();
        sandbox.api().report(flowId, "");
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode full = sandbox.api().report(flowId, "filter=general&filter=finalVerdict&filter=overallState&filter=allTags"
                + "&filter=allSignalGroups&filter=iocs&filter=taskReference&filter=subtaskReferences&filter=f:all&filter=o:all");
        sandbox.api().report(archive, "filter=general&filter=finalVerdict");
        sandbox.api().report(url, "filter=general&filter=finalVerdict");
        String reportId = full.get("reports").fieldNames().next();
        // (GET /api/reports/{report_id}/{file_hash} is not emulated: the pipeline reads reports by flow)
        String sha256 = full.get("reports").get(reportId).get("file").get("hash").asText();
        assertThat(sandbox.api().get("/api/reports/search?query=" + sha256).statusCode()).isEqualTo(200);
        assertThat(sandbox.api().get("/api/reports/search").statusCode()).isEqualTo(200);
        assertThat(sandbox.api().get("/api/reputation/hash?sha256=" + sha256).statusCode()).isEqualTo(200);
        assertThat(sandbox.api().postJson("/api/reputation/hash", "[\"" + sha256 + "\"]").statusCode()).isEqualTo(200);
        assertThat(sandbox.api().get("/api/reputation/domain?ioc_value=example.org").statusCode()).isEqualTo(200);
        assertThat(sandbox.api().postJson("/api/reputation/url", "[\"http://example.org/x\"]").statusCode()).isEqualTo(200);
        assertThat(sandbox.api().get("/api/system/config").statusCode()).isEqualTo(200);
        assertThat(sandbox.api().get("/api/users/me").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerEveryErrorClassAsTheDocumentDeclares() {
        assertThat(sandbox.api().get("/api/scan/66f1905b318df2831b854ce5/report").statusCode()).as("unknown flow").isEqualTo(404);
        assertThat(sandbox.api().postMultipart("/api/scan/file", new Multipart().file("file", "big.bin", new byte[4096]))
                .statusCode()).as("over maxUploadSize").isEqualTo(413);
        assertThat(sandbox.api().post("/api/scan/file", "multipart/form-data; boundary=x", "--x--\r\n".getBytes(StandardCharsets.US_ASCII))
                .statusCode()).as("no file part").isEqualTo(422);
        assertThat(sandbox.api().get("/api/reputation/hash?sha256=nothex").statusCode()).as("bad hash").isIn(400, 422);
        assertThat(sandbox.api().post("/api/reputation/hash", "text/plain", "x".getBytes(StandardCharsets.US_ASCII)).statusCode())
                .as("not JSON").isIn(400, 415, 422);
        assertThat(sandbox.api().send(HttpRequest.newBuilder(URI.create(sandbox.emulator().baseUrl() + "/api/users/me")).GET().build())
                .statusCode()).as("no key").isEqualTo(401);
        assertThat(sandbox.api().get("/api/no/such/thing").statusCode()).isEqualTo(404);
        sandbox.emulator().setFaults(Faults.builder().requestsPerSecondQuota(1).build());
        int last = 0;
        for (int i = 0; i < 5; i++) {
            last = sandbox.api().get("/api/reputation/hash?sha256=" + "a".repeat(64)).statusCode();
        }
        assertThat(last).as("over quota").isEqualTo(429);
    }

    @Test
    void shouldFlagAnAnswerThatBreaksTheDocument() {
        JsonNode wrong = MAPPER.createObjectNode().put("flowId", 42).putNull("reports");

        List<String> violations = OpenApiContract.violations(new Exchange("GET", "/api/scan/66f1905b318df2831b854ce5/report",
                200, "application/json", Optional.of(wrong), false));

        assertThat(violations).isNotEmpty();
        assertThat(OpenApiContract.violations(new Exchange("GET", "/api/scan/66f1905b318df2831b854ce5/report", 418,
                "application/json", Optional.of(MAPPER.createObjectNode()), false))).singleElement().asString().contains("not declared");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"report_badfile.json", "report_benign.json", "report_informational.json", "report_likely_malicious.json",
            "report_malicious.json", "report_no_threat.json", "report_not_finished.json", "report_suspicious.json",
            "report_zip_invalid_pass.json"})
    void shouldFindTheCapturedAnswersOfTheRealServiceValidOrAllowed(String fixture) throws IOException {
        JsonNode captured;
        try (InputStream in = getClass().getResourceAsStream("/sandbox-api/fixtures/" + fixture)) {
            captured = MAPPER.readTree(in);
        }

        List<String> violations = OpenApiContract.violations(new Exchange("GET", "/api/scan/" + captured.get("flowId").asText()
                + "/report", 200, "application/json", Optional.of(captured), false));

        assertThat(violations).as("the validator against real answers: anything here is a gap of the document").isEmpty();
    }
}
