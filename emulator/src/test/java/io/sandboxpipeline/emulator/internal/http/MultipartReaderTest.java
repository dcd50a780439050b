package io.sandboxpipeline.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {

    private static final String BOUNDARY = "xYzZY";

    @Test
    void shouldSplitPartsEvenWhenTheStreamArrivesOneByteAtATime() throws IOException {
        // file content that contains near-misses of the delimiter
        byte[] file = "line1\r\n--xYzZ\r\n-xYzZY\r\n--xYzZ-not\r\n".getBytes(StandardCharsets.US_ASCII);
        String body = "preamble to ignore\r\n"
                + "--xYzZY\r\nContent-Disposition: form-data; name=\"is_private\"\r\n\r\ntrue\r\n"
                + "--xYzZY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"we\\\"ird;name.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + new String(file, StandardCharsets.US_ASCII) + "\r\n"
                + "--xYzZY--\r\nepilogue";

        Map<String, String> fields = new LinkedHashMap<>();
        ByteArrayOutputStream fileContent = new ByteArrayOutputStream();
        Optional<String> fileName = Optional.empty();
        MultipartReader reader = new MultipartReader(oneByteAtATime(body), BOUNDARY);
        for (Optional<PartHeaders> part = reader.nextPart(); part.isPresent(); part = reader.nextPart()) {
            if (part.get().fileName().isPresent()) {
                fileName = part.get().fileName();
                reader.readBody(fileContent::write);
            } else {
                fields.put(part.get().name(), FormBodies.readField(reader));
            }
        }

        assertThat(fields).containsExactly(Map.entry("is_private", "true"));
        assertThat(fileName).contains("we\"ird;name.txt");
        assertThat(fileContent.toByteArray()).isEqualTo(file);
    }

    @Test
    void shouldFailOnABodyWithoutClosingDelimiter() {
        String body = "--xYzZY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc";

        assertThatThrownBy(() -> {
            MultipartReader reader = new MultipartReader(oneByteAtATime(body), BOUNDARY);
            reader.nextPart();
            reader.readBody(PartSink.DISCARD);
        }).isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void shouldReadRfc5987FileNames() {
        HeaderParameters disposition = HeaderParameters.parse(
                "form-data; name=\"file\"; filename=\"fallback.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt");

        assertThat(disposition.value()).isEqualTo("form-data");
        assertThat(disposition.parameter("name")).contains("file");
        assertThat(disposition.parameter("filename")).contains("r\u00e9sum\u00e9.txt");
    }

    private static InputStream oneByteAtATime(String body) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        return new InputStream() {
            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return length == 0 ? 0 : bytes.read(buffer, offset, 1);
            }
        };
    }
}
