package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UploadLimitTest {

    private static final int LIMIT = 256 * 1024;

    private SandboxEmulator emulator;
    private SandboxApi api;

    @BeforeEach
    void start() {
        emulator = SandboxEmulator.start(EmulatorConfig.builder()
                .apiKey(SandboxApi.API_KEY)
                .maxUploadSizeBytes(LIMIT)
                .build());
        api = new SandboxApi(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void shouldAcceptAFileOfExactlyTheLimit() {
        String flowId = api.submitFile("exact.bin", new byte[LIMIT]);

        assertThat(emulator.submission(flowId).orElseThrow().size()).isEqualTo(LIMIT);
    }

    @Test
    void shouldAnswer413ForAFileOneByteOverTheLimit() {
        HttpResponse<String> response = api.postMultipart("/api/scan/file",
                new Multipart().file("file", "big.bin", new byte[LIMIT + 1]));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Content too large\"}");
        assertThat(emulator.stats().flowsCreated()).isZero();
    }

    @Test
    void shouldAnswer413ForAChunkedUploadMuchLargerThanTheLimit() {
        Multipart multipart = new Multipart();
        byte[] head = new Multipart(multipart.boundary()).field("is_private", "true")
                .file("file", "huge.bin", new byte[0]).buildWithoutEnd();
        // head ends with the (empty) file content's CRLF; cut it so the big stream becomes the file content
        InputStream body = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(head, 0, head.length - 2),
                new ByteArrayInputStream(new byte[12 * LIMIT]),
                new ByteArrayInputStream(("\r\n--" + multipart.boundary() + "--\r\n")
                        .getBytes(StandardCharsets.US_ASCII)))));
        HttpRequest request = api.request("/api/scan/file")
                .header("Content-Type", multipart.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();

        HttpResponse<String> response = api.send(request);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(api.json(response).get("detail").asText()).isEqualTo("Content too large");
        assertThat(emulator.stats().submissions()).isZero();
    }

    @Test
    void shouldAnswer413BeforeTheWholeBodyHasBeenSent() throws Exception {
        Multipart multipart = new Multipart();
        byte[] partHead = ("--" + multipart.boundary() + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"endless.bin\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        String requestHead = "POST /api/scan/file HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + SandboxApi.API_KEY
                + "\r\nContent-Type: " + multipart.contentType() + "\r\nContent-Length: " + (1L << 34) + "\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", emulator.port()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead.getBytes(StandardCharsets.US_ASCII));
            out.write(partHead);
            byte[] chunk = new byte[16 * 1024];
            for (int sent = 0; sent < 2 * LIMIT; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();

            // only 2 x LIMIT of the announced 16 GiB were sent, yet the answer is there
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 413");
        }
        assertThat(emulator.stats().responsesByStatus()).containsEntry(413, 1L);
    }

    @Test
    void shouldAnswer422InFastApiShapeWhenTheFilePartIsMissing() {
        HttpResponse<String> response = api.postMultipart("/api/scan/file",
                new Multipart().field("description", "forgot the file"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).isEqualTo(
                "{\"detail\":[{\"loc\":[\"body\",\"file\"],\"msg\":\"Field required\",\"type\":\"missing\",\"input\":null}]}");
    }

    @Test
    void shouldAnswer422WhenTheBodyIsNotMultipart() {
        HttpResponse<String> response = api.post("/api/scan/file", "application/json",
                "{\"file\":\"x\"}".getBytes(StandardCharsets.US_ASCII));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = api.json(response).get("detail").get(0);
        assertThat(error.get("loc").toString()).isEqualTo("[\"body\",\"file\"]");
    }

    @Test
    void shouldAnswer400ForATruncatedMultipartBody() {
        Multipart multipart = new Multipart().file("file", "a.txt", new byte[] {1, 2, 3});

        HttpResponse<String> response = api.post("/api/scan/file", multipart.contentType(),
                multipart.buildWithoutEnd());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.json(response).get("detail").asText()).isEqualTo("There was an error parsing the body");
    }
}
