package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/** A tiny test client for the emulator over real HTTP. */
final class SandboxApi {

    static final String API_KEY = "test-key-0123456789";
    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private final URI baseUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper mapper = new ObjectMapper();

    SandboxApi(SandboxEmulator emulator) {
        this.baseUrl = emulator.baseUrl();
    }

    HttpClient http() {
        return http;
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .header("X-Api-Key", API_KEY);
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    HttpResponse<String> post(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> postJson(String path, String json) {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> postMultipart(String path, Multipart multipart) {
        return post(path, multipart.contentType(), multipart.build());
    }

    /** Submits a file (plus form fields given as name, value pairs) and returns the flow id. */
    String submitFile(String fileName, byte[] content, String... fields) {
        Multipart multipart = new Multipart();
        for (int i = 0; i < fields.length; i += 2) {
            multipart.field(fields[i], fields[i + 1]);
        }
        multipart.file("file", fileName, content);
        HttpResponse<String> response = postMultipart("/api/scan/file", multipart);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("flow_id").asText();
    }

    String submitText(String fileName, String content, String... fields) {
        return submitFile(fileName, content.getBytes(StandardCharsets.UTF_8), fields);
    }

    /** The report of a flow; {@code query} like {@code "filter=general&filter=finalVerdict"} or empty. */
    JsonNode report(String flowId, String query) {
        HttpResponse<String> response = get("/api/scan/" + flowId + "/report" + (query.isEmpty() ? "" : "?" + query));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** The single report of a one-file flow. */
    JsonNode onlyReport(String flowId, String query) {
        JsonNode reports = report(flowId, query).get("reports");
        assertThat(reports.size()).isEqualTo(1);
        return reports.elements().next();
    }

    JsonNode json(HttpResponse<String> response) {
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] content) {
        return hex("SHA-256", content);
    }

    static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
