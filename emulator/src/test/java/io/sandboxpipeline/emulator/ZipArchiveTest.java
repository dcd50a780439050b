package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ZipArchiveTest {

    @RegisterExtension
    final RunningEmulator sandbox = RunningEmulator.scanningIn(Duration.ofSeconds(4));

    @Test
    void shouldScanEachMemberAndDeriveTheArchiveVerdictFromTheWorst() {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("docs/readme.txt", bytes("hello"));
        members.put("eicar.com", bytes(SandboxApi.EICAR));
        members.put("trusted.txt", bytes("SANDBOX-TEST:BENIGN"));
        byte[] zip = TestZips.zip(members);
        String flowId = sandbox.api().submitFile("bundle.zip", zip, "is_private", "yes");

        JsonNode scanning = sandbox.api().report(flowId, "");
        sandbox.clock().advance(Duration.ofSeconds(4));
        JsonNode finished = sandbox.api().report(flowId, "filter=general&filter=finalVerdict&filter=taskReference");

        assertThat(scanning.get("sourceArchive").has("verdict")).isFalse();
        assertThat(finished.get("reportsAmount").asInt()).isEqualTo(3);
        Map<String, String> verdictByName = new HashMap<>();
        finished.get("reports").forEach(report -> verdictByName.put(report.get("file").get("name").asText(),
                report.get("finalVerdict").get("verdict").asText()));
        assertThat(verdictByName).containsOnly(Map.entry("docs/readme.txt", "NO_THREAT"),
                Map.entry("eicar.com", "MALICIOUS"), Map.entry("trusted.txt", "BENIGN"));
        JsonNode context = finished.get("reports").elements().next().get("taskReference").get("additionalInfo")
                .get("context");
        assertThat(context.get("contextIdentifier").asText()).isEqualTo(SandboxApi.sha256(zip));
        assertThat(context.get("metaData").get("totalArchiveFiles").asInt()).isEqualTo(3);
        JsonNode archive = finished.get("sourceArchive");
        assertThat(archive.get("verdict").asText()).isEqualTo("malicious");
        assertThat(archive.get("name").asText()).isEqualTo("bundle.zip");
        assertThat(archive.get("mimeType").asText()).isEqualTo("application/zip");
        assertThat(archive.get("sha256").asText()).isEqualTo(SandboxApi.sha256(zip));
        assertThat(archive.get("sha1").asText()).isEqualTo(SandboxApi.hex("SHA-1", zip));
        assertThat(archive.get("md5").asText()).isEqualTo(SandboxApi.hex("MD5", zip));
        assertThat(archive.get("private").asBoolean()).isTrue();
        assertThat(archive.get("is_link_upload").asBoolean()).isFalse();
        assertThat(archive.get("tags").toString()).isEqualTo("[{\"source\":\"MEDIA_TYPE\",\"tag\":{\"name\":\"zip\"}}]");
    }

    @Test
    void shouldLearnTheArchiveAndMemberHashes() {
        byte[] member = bytes("SANDBOX-TEST:LIKELY_MALICIOUS");
        byte[] zip = TestZips.zip(Map.of("payload.js", member));
        sandbox.api().submitFile("a.zip", zip);
        sandbox.clock().advance(Duration.ofSeconds(4));

        assertThat(hashVerdict(SandboxApi.sha256(zip))).isEqualTo("likely_malicious");
        assertThat(hashVerdict(SandboxApi.sha256(member))).isEqualTo("likely_malicious");
    }

    @Test
    void shouldRejectAnEncryptedArchiveWithoutPassword() {
        byte[] zip = TestZips.encrypted("secret.txt", bytes("SANDBOX-TEST:SUSPICIOUS"), "infected");
        String flowId = sandbox.api().submitFile("bad_files_mal.zip", zip);
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode flow = sandbox.api().report(flowId, "");

        assertThat(flow.get("allFinished").asBoolean()).isTrue();
        assertThat(flow.get("reportsAmount").asInt()).isZero();
        assertThat(flow.get("reports").size()).isZero();
        assertThat(flow.get("rejected_files")).hasSize(1);
        assertThat(flow.get("rejected_files").get(0).get("rejected_reason").asText()).isEqualTo("INVALID_PASSWORD");
        assertThat(flow.get("rejected_files").get(0).get("name").asText()).startsWith(SandboxApi.sha256(zip) + "_");
        assertThat(flow.get("sourceArchive").get("sha256").asText()).isEqualTo(SandboxApi.sha256(zip));
        assertThat(flow.get("sourceArchive").has("verdict")).isFalse();
    }

    @Test
    void shouldRejectAnEncryptedArchiveWithTheWrongPassword() {
        byte[] zip = TestZips.encrypted("secret.txt", bytes("SANDBOX-TEST:SUSPICIOUS"), "infected");
        String flowId = sandbox.api().submitFile("a.zip", zip, "password", "not-the-password");
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode flow = sandbox.api().report(flowId, "");

        assertThat(flow.get("rejected_files").get(0).get("rejected_reason").asText()).isEqualTo("INVALID_PASSWORD");
        assertThat(flow.get("reports").size()).isZero();
    }

    @Test
    void shouldDecryptAndScanAnEncryptedArchiveWithTheRightPassword() {
        byte[] zip = TestZips.encrypted("secret.txt", bytes("SANDBOX-TEST:SUSPICIOUS"), "infected");
        String flowId = sandbox.api().submitFile("a.zip", zip, "password", "infected");
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode flow = sandbox.api().report(flowId, "filter=finalVerdict&filter=general");

        assertThat(flow.has("rejected_files")).isFalse();
        JsonNode report = flow.get("reports").elements().next();
        assertThat(report.get("file").get("name").asText()).isEqualTo("secret.txt");
        assertThat(report.get("finalVerdict").get("verdict").asText()).isEqualTo("SUSPICIOUS");
        assertThat(flow.get("sourceArchive").get("verdict").asText()).isEqualTo("suspicious");
    }

    @Test
    void shouldScanAFileThatOnlyLooksLikeAZipAsAPlainFile() {
        byte[] notAZip = bytes("PK\u0003\u0004 but then SANDBOX-TEST:SUSPICIOUS and no central directory");
        String flowId = sandbox.api().submitFile("broken.zip", notAZip);
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode flow = sandbox.api().report(flowId, "filter=finalVerdict");

        assertThat(flow.has("sourceArchive")).isFalse();
        assertThat(flow.get("reports").elements().next().get("finalVerdict").get("verdict").asText())
                .isEqualTo("SUSPICIOUS");
    }

    private String hashVerdict(String sha256) {
        return sandbox.api().json(sandbox.api().get("/api/reputation/hash?sha256=" + sha256))
                .get("overall_verdict").asText();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
