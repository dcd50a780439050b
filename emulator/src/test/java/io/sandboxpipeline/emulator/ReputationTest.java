package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReputationTest {

    private static final String UNKNOWN_HASH = "0f".repeat(32);
    private static final String REPORT_DATE = "\\d{2}/\\d{2}/\\d{4}, \\d{2}:\\d{2}:\\d{2}";

    @RegisterExtension
    final RunningEmulator sandbox = RunningEmulator.scanningIn(Duration.ofSeconds(5));

    @Test
    void shouldKnowTheEicarTestFileAsMaliciousFromTheStart() {
        String eicarSha256 = SandboxApi.sha256(SandboxApi.EICAR.getBytes(StandardCharsets.US_ASCII));
        assertThat(eicarSha256).isEqualTo(SandboxEmulator.EICAR_SHA256);

        JsonNode result = sandbox.api().json(sandbox.api().get("/api/reputation/hash?sha256=" + eicarSha256));

        assertThat(result.get("sha256").asText()).isEqualTo(eicarSha256);
        assertThat(result.get("overall_verdict").asText()).isEqualTo("malicious");
        assertThat(result.get("fuzzyhash").toString()).isEqualTo("{\"verdict\":\"unknown\"}");
        assertThat(result.get("mdcloud").get("detected_av_engines").asInt()).isPositive();
        assertThat(result.get("mdcloud").get("scan_time").asText())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
        assertThat(result.get("filescan_reports")).hasSize(1);
        JsonNode report = result.get("filescan_reports").get(0);
        assertThat(report.get("verdict").asText()).isEqualTo("malicious");
        assertThat(report.get("report_date").asText()).matches(REPORT_DATE);
        assertThat(report.get("report_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(report.get("flow_id").asText()).matches("[0-9a-f]{24}");
    }

    @Test
    void shouldAnswerUnknownForHashesItHasNeverScanned() {
        HttpResponse<String> response = sandbox.api().get("/api/reputation/hash?sha256=" + UNKNOWN_HASH);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = sandbox.api().json(response);
        assertThat(result.get("overall_verdict").asText()).isEqualTo("unknown");
        assertThat(result.get("filescan_reports").isArray()).isTrue();
        assertThat(result.get("filescan_reports")).isEmpty();
        assertThat(result.get("mdcloud").isNull()).isTrue();
    }

    @Test
    void shouldLearnAHashVerdictOnlyOnceItsScanHasFinished() {
        byte[] content = "SANDBOX-TEST:SUSPICIOUS".getBytes(StandardCharsets.US_ASCII);
        String sha256 = SandboxApi.sha256(content);
        String flowId = sandbox.api().submitFile("s.txt", content);
        sandbox.clock().advance(Duration.ofSeconds(3));

        assertThat(sandbox.api().json(sandbox.api().get("/api/reputation/hash?sha256=" + sha256))
                .get("overall_verdict").asText())
                .isEqualTo("unknown");

        sandbox.clock().advance(Duration.ofSeconds(2));
        JsonNode learned = sandbox.api().json(sandbox.api().get("/api/reputation/hash?sha256=" + sha256.toUpperCase()));
        String reportId = sandbox.api().report(flowId, "").get("reports").fieldNames().next();

        assertThat(learned.get("sha256").asText()).isEqualTo(sha256);
        assertThat(learned.get("overall_verdict").asText()).isEqualTo("suspicious");
        assertThat(learned.get("filescan_reports")).hasSize(1);
        assertThat(learned.get("filescan_reports").get(0).get("report_id").asText()).isEqualTo(reportId);
        assertThat(learned.get("filescan_reports").get(0).get("flow_id").asText()).isEqualTo(flowId);
        assertThat(learned.get("filescan_reports").get(0).get("verdict").asText()).isEqualTo("suspicious");
    }

    @Test
    void shouldAnswerBulkLookupsInTheOrderAsked() {
        HttpResponse<String> response = sandbox.api().postJson("/api/reputation/hash",
                "[\"" + UNKNOWN_HASH + "\",\"" + SandboxEmulator.EICAR_SHA256 + "\"]");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = sandbox.api().json(response);
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("sha256").asText()).isEqualTo(UNKNOWN_HASH);
        assertThat(results.get(0).get("overall_verdict").asText()).isEqualTo("unknown");
        assertThat(results.get(1).get("overall_verdict").asText()).isEqualTo("malicious");
    }

    @Test
    void shouldCountTheHashesAskedAboutInSingleAndBulkLookupsAndHowManyWereDistinct() {
        String other = "a1".repeat(32);
        sandbox.api().get("/api/reputation/hash?sha256=" + UNKNOWN_HASH);
        sandbox.api().get("/api/reputation/hash?sha256=" + UNKNOWN_HASH.toUpperCase());
        sandbox.api().postJson("/api/reputation/hash", "[\"" + UNKNOWN_HASH + "\",\"" + other + "\",\""
                + SandboxEmulator.EICAR_SHA256 + "\"]");
        sandbox.api().get("/api/reputation/hash?sha256=abc");

        assertThat(sandbox.emulator().stats().reputationHashesAsked()).isEqualTo(5);
        assertThat(sandbox.emulator().stats().distinctReputationHashesAsked()).isEqualTo(3);
    }

    @Test
    void shouldValidateHashRequestsLikeTheSandbox() {
        HttpResponse<String> missing = sandbox.api().get("/api/reputation/hash");
        HttpResponse<String> malformed = sandbox.api().get("/api/reputation/hash?sha256=abc");
        HttpResponse<String> notAList = sandbox.api().postJson("/api/reputation/hash", "{\"sha256\":\"x\"}");
        HttpResponse<String> notStrings = sandbox.api().postJson("/api/reputation/hash", "[1]");
        HttpResponse<String> notJson = sandbox.api().postJson("/api/reputation/hash", "[\"abc");

        assertThat(missing.statusCode()).isEqualTo(422);
        JsonNode error = sandbox.api().json(missing).get("detail").get(0);
        assertThat(error.get("loc").toString()).isEqualTo("[\"query\",\"sha256\"]");
        assertThat(error.get("msg").asText()).isEqualTo("Field required");
        assertThat(error.get("type").asText()).isEqualTo("missing");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(sandbox.api().json(malformed).get("detail").asText()).contains("64 hexadecimal");
        assertThat(notAList.statusCode()).isEqualTo(422);
        assertThat(sandbox.api().json(notAList).get("detail").get(0).get("type").asText()).isEqualTo("list_type");
        assertThat(notStrings.statusCode()).isEqualTo(422);
        assertThat(sandbox.api().json(notStrings).get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",0]");
        assertThat(notJson.statusCode()).isEqualTo(422);
        assertThat(sandbox.api().json(notJson).get("detail").get(0).get("type").asText()).isEqualTo("json_invalid");
    }

    @Test
    void shouldGiveIocsFoundInFinishedScansTheirScansVerdict() {
        sandbox.api().submitText("dropper.txt", "fetch https://evil.example.com/payload.bin from 203.0.113.7\n"
                + "SANDBOX-TEST:LIKELY_MALICIOUS");
        sandbox.clock().advance(Duration.ofSeconds(5));

        assertThat(iocVerdict("url", "https://evil.example.com/payload.bin")).isEqualTo("likely_malicious");
        assertThat(iocVerdict("domain", "EVIL.example.com")).isEqualTo("likely_malicious");
        assertThat(iocVerdict("ip", "203.0.113.7")).isEqualTo("likely_malicious");
        assertThat(iocVerdict("domain", "never-seen.example.org")).isEqualTo("unknown");
        JsonNode bulk = sandbox.api().json(sandbox.api().postJson("/api/reputation/domain",
                "[\"never-seen.example.org\",\"evil.example.com\"]"));
        assertThat(bulk.findValuesAsText("overall_verdict")).containsExactly("unknown", "likely_malicious");
        assertThat(bulk.get(1).get("ioc_type").asText()).isEqualTo("domain");
        assertThat(bulk.get(1).get("filescan_reports")).hasSize(1);
    }

    @Test
    void shouldLearnTheVerdictOfAScannedUrl() {
        String url = "https://login.example.net/account?SANDBOX-TEST:SUSPICIOUS";
        HttpResponse<String> submitted = sandbox.api().post("/api/scan/url", "application/x-www-form-urlencoded",
                ("url=" + URLEncoder.encode(url, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII));
        assertThat(submitted.statusCode()).isEqualTo(200);
        sandbox.clock().advance(Duration.ofSeconds(5));

        assertThat(iocVerdict("url", url)).isEqualTo("suspicious");
        assertThat(sandbox.api().json(sandbox.api().get("/api/reputation/hash?sha256="
                + SandboxApi.sha256(url.getBytes(StandardCharsets.UTF_8)))).get("overall_verdict").asText())
                .isEqualTo("suspicious");
    }

    @Test
    void shouldRejectUnknownIocTypesAndMissingValues() {
        HttpResponse<String> badType = sandbox.api().get("/api/reputation/email?ioc_value=a@b.c");
        HttpResponse<String> missingValue = sandbox.api().get("/api/reputation/ip");

        assertThat(badType.statusCode()).isEqualTo(422);
        JsonNode error = sandbox.api().json(badType).get("detail").get(0);
        assertThat(error.get("loc").toString()).isEqualTo("[\"path\",\"ioc_type\"]");
        assertThat(error.get("type").asText()).isEqualTo("enum");
        assertThat(missingValue.statusCode()).isEqualTo(422);
        assertThat(sandbox.api().json(missingValue).get("detail").get(0).get("loc").toString())
                .isEqualTo("[\"query\",\"ioc_value\"]");
    }

    private String iocVerdict(String type, String value) {
        HttpResponse<String> response = sandbox.api().get("/api/reputation/" + type + "?ioc_value="
                + URLEncoder.encode(value, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = sandbox.api().json(response);
        assertThat(result.get("ioc_type").asText()).isEqualTo(type);
        assertThat(result.get("ioc_value").asText()).isEqualTo(value);
        return result.get("overall_verdict").asText();
    }
}
