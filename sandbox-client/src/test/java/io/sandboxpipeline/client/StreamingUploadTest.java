package io.sandboxpipeline.client;

import static io.sandboxpipeline.client.TestServers.await;
import static io.sandboxpipeline.client.TestServers.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 300 MB upload in a JVM whose heap is smaller than the file (surefire runs this module with -Xmx256m): it can only
 * pass if the client streams the content instead of buffering it.
 */
class StreamingUploadTest {

    private static final long SIZE = 300L * 1024 * 1024;

    private final MockWebServer server = TestServers.startLoopback();

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void shouldStreamAFileLargerThanTheHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("the test JVM heap must be smaller than the upload (surefire argLine -Xmx256m)")
                .isLessThan(SIZE);
        server.setBodyLimit(4096);
        server.enqueue(json(200, "{\"flow_id\":\"66f1905b318df2831b854ce5\"}"));
        AtomicLong bytesRead = new AtomicLong();
        AtomicLong largestRead = new AtomicLong();
        FileUpload upload = new FileUpload("big.bin", SIZE, () -> new GeneratedContent(SIZE, bytesRead, largestRead));

        try (SandboxClient client = TestServers.client(server, b -> b.callTimeout(Duration.ofMinutes(2)))) {
            ScanSubmission submission = await(client.submitFile(upload, ScanOptions.defaults()));

            assertThat(submission.flowId()).isEqualTo("66f1905b318df2831b854ce5");
        }
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(bytesRead.get()).isEqualTo(SIZE);
        assertThat(largestRead.get()).as("bytes asked from the stream at once").isLessThanOrEqualTo(64 * 1024);
        assertThat(request.getBodySize()).isGreaterThan(SIZE)
                .isEqualTo(Long.parseLong(request.getHeaders().get("Content-Length")));
        assertThat(request.getBody().utf8()).contains("name=\"is_private\"", "filename=\"big.bin\"");
    }

    /** Produces {@code size} bytes of a repeating pattern without ever holding them. */
    private static final class GeneratedContent extends InputStream {
        private final long size;
        private final AtomicLong position;
        private final AtomicLong largestRead;

        GeneratedContent(long size, AtomicLong position, AtomicLong largestRead) {
            this.size = size;
            this.position = position;
            this.largestRead = largestRead;
            position.set(0);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            largestRead.accumulateAndGet(length, Math::max);
            long remaining = size - position.get();
            if (remaining <= 0) {
                return -1;
            }
            int count = (int) Math.min(length, remaining);
            for (int i = 0; i < count; i++) {
                buffer[offset + i] = (byte) ((position.get() + i) % 251);
            }
            position.addAndGet(count);
            return count;
        }
    }
}
