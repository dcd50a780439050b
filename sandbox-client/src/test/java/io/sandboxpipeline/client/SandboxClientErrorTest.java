package io.sandboxpipeline.client;

import static io.sandboxpipeline.client.TestServers.failure;
import static io.sandboxpipeline.client.TestServers.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a call can fail, and what the caller gets to decide on: kind, status, retryable, endpoint, detail. */
class SandboxClientErrorTest {

    private static final String FLOW = "66f1905b318df2831b854ce5";
    private static final String REPORT_ENDPOINT = "GET /api/scan/{flow_id}/report";

    private final MockWebServer server = TestServers.startLoopback();
    private final SandboxClient client = TestServers.client(server);

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "401 | UNAUTHORIZED      | false | {\"detail\":\"Invalid API key\"}         | Invalid API key",
        "403 | FORBIDDEN         | false | {\"detail\":\"Feature not allowed\"}     | Feature not allowed",
        "404 | NOT_FOUND         | false | {\"detail\":\"Item not found\"}          | Item not found",
        "413 | PAYLOAD_TOO_LARGE | false | {\"detail\":\"Content too large\"}      | Content too large",
        "400 | BAD_REQUEST       | false | {\"detail\":{\"reason\":\"bad flow id\"}} | {\"reason\":\"bad flow id\"}",
        "415 | BAD_REQUEST       | false | {\"detail\":\"Unsupported media type\"} | Unsupported media type",
        "500 | SERVER_ERROR      | true  | {\"detail\":\"database down\"}          | database down",
        "500 | SERVER_ERROR      | true  | Internal Server Error                    | Internal Server Error",
        "502 | SERVER_ERROR      | true  | <html><body>Bad Gateway</body></html>    | <html><body>Bad Gateway</body></html>",
        "503 | SERVER_ERROR      | true  | {\"detail\":\"maintenance\"}            | maintenance",
    })
    void shouldMapErrorStatusesToKinds(int status, ErrorKind kind, boolean retryable, String body, String detail) {
        server.enqueue(new MockResponse.Builder().code(status).body(body).build());

        SandboxException error = failure(client.report(FLOW, ReportQuery.POLL));

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.status()).isEqualTo(status);
        assertThat(error.retryable()).isEqualTo(retryable);
        assertThat(error.endpoint()).isEqualTo(REPORT_ENDPOINT);
        assertThat(error.detail()).contains(detail);
        assertThat(error.getMessage()).contains(REPORT_ENDPOINT, String.valueOf(status), kind.name())
                .doesNotContain(FLOW);
        assertThat(error.retryAfter()).isEmpty();
        assertThat(error.validationErrors()).isEmpty();
    }

    @Test
    void shouldCarryFastApiValidationDetails() {
        server.enqueue(json(422, "{\"detail\":[{\"loc\":[\"body\",\"file\"],\"msg\":\"Field required\","
                + "\"type\":\"missing\",\"input\":null},{\"loc\":[\"body\",\"is_private\",0],"
                + "\"msg\":\"Input should be a valid boolean\",\"type\":\"bool_parsing\",\"input\":\"maybe\"}]}"));

        SandboxException error = failure(client.submitUrl("https://example.org", ScanOptions.defaults()));

        assertThat(error).isInstanceOf(SandboxValidationException.class);
        assertThat(error.kind()).isEqualTo(ErrorKind.VALIDATION);
        assertThat(error.status()).isEqualTo(422);
        assertThat(error.retryable()).isFalse();
        assertThat(error.endpoint()).isEqualTo("POST /api/scan/url");
        assertThat(error.validationErrors()).containsExactly(
                new ValidationError(List.of("body", "file"), "Field required", "missing"),
                new ValidationError(List.of("body", "is_private", "0"), "Input should be a valid boolean",
                        "bool_parsing"));
        assertThat(error.getMessage()).contains("body.file: Field required");
    }

    @Test
    void shouldReadRetryAfterInSeconds() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "120")
                .body("{\"detail\":\"slow down\"}").build());

        SandboxException error = failure(client.me());

        assertThat(error).isInstanceOf(SandboxRateLimitedException.class);
        assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(error.detail()).contains("slow down");
    }

    @Test
    void shouldReadRetryAfterAsHttpDateAgainstTheInjectedClock() {
        Clock clock = Clock.fixed(Instant.parse("2015-10-21T07:27:30Z"), ZoneOffset.UTC);
        try (SandboxClient clocked = SandboxClient.create(SandboxClientConfig.builder()
                .baseUrl(TestServers.baseUrl(server)).apiKey(TestServers.KEY).build(), clock)) {
            server.enqueue(new MockResponse.Builder().code(429)
                    .setHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT").body("{\"detail\":\"quota\"}").build());

            SandboxException error = failure(clocked.me());

            assertThat(error.retryAfter()).contains(Duration.ofSeconds(30));
        }
    }

    @Test
    void shouldLeaveRetryAfterEmptyWhenTheServiceDoesNotSendIt() {
        server.enqueue(json(429, "{\"detail\":\"quota exceeded\"}"));

        SandboxException error = failure(client.submitUrl("https://example.org", ScanOptions.defaults()));

        assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(error.retryAfter()).isEmpty();
        assertThat(error.getMessage()).contains("back off");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "{not json                 | not valid JSON",
        "{\"reports\":{}} trailing | not valid JSON",
        "''                        | body is empty",
        "[1,2,3]                   | expected a flow report object",
    })
    void shouldReportUnusableSuccessBodiesAsMalformed(String body, String problem) {
        server.enqueue(json(200, body));

        SandboxException error = failure(client.report(FLOW, ReportQuery.POLL));

        assertThat(error).isInstanceOf(SandboxMalformedResponseException.class);
        assertThat(error.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(error.status()).isEqualTo(200);
        assertThat(error.retryable()).isTrue();
        assertThat(error.getMessage()).contains(problem);
    }

    @Test
    void shouldReportAScanResponseWithoutFlowIdAsMalformed() {
        server.enqueue(json(200, "{\"priority\":{\"applied\":1}}"));

        SandboxException error = failure(client.submitUrl("https://example.org", ScanOptions.defaults()));

        assertThat(error.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(error.getMessage()).contains("flow_id");
    }

    @Test
    void shouldTimeOutWhenTheServiceStopsAnswering() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                release.await(10, TimeUnit.SECONDS);
                return json(200, "{\"accountId\":\"late\"}");
            }
        });
        try (SandboxClient impatient = TestServers.client(server, b -> b.readTimeout(Duration.ofMillis(200)))) {
            long start = System.nanoTime();

            SandboxException error = failure(impatient.me());

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(error).isInstanceOf(SandboxTransportException.class);
            assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(error.status()).isZero();
            assertThat(error.retryable()).isTrue();
            assertThat(error.endpoint()).isEqualTo("GET /api/users/me");
        } finally {
            release.countDown();
        }
    }

    @Test
    void shouldReportARefusedConnection() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        try (SandboxClient unreachable = SandboxClient.create(SandboxClientConfig.builder()
                .baseUrl(URI.create("http://127.0.0.1:" + closedPort)).apiKey(TestServers.KEY)
                .connectTimeout(Duration.ofSeconds(2)).build())) {

            SandboxException error = failure(unreachable.systemConfig());

            assertThat(error.kind()).isEqualTo(ErrorKind.CONNECTION);
            assertThat(error.status()).isZero();
            assertThat(error.retryable()).isTrue();
            assertThat(error.endpoint()).isEqualTo("GET /api/system/config");
            assertThat(error.getCause()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void shouldFailTheUploadWhenItsContentCannotBeRead() {
        server.enqueue(json(200, "{\"flow_id\":\"never\"}"));
        FileUpload broken = new FileUpload("gone.bin", 10, () -> {
            throw new IOException("object deleted from the bucket");
        });

        SandboxException error = failure(client.submitFile(broken, ScanOptions.defaults()));

        assertThat(error.kind()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(error.getMessage()).contains("cannot open the content of 'gone.bin'", "object deleted");
    }

    @Test
    void shouldFailTheUploadWhenTheContentIsShorterThanDeclared() {
        server.enqueue(json(200, "{\"flow_id\":\"never\"}"));
        FileUpload shortUpload = new FileUpload("short.bin", 10, () -> new ByteArrayInputStream(new byte[4]));

        SandboxException error = failure(client.submitFile(shortUpload, ScanOptions.defaults()));

        assertThat(error.kind()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(error.getMessage()).contains("ended after 4 of its declared 10 bytes");
    }

    @Test
    void shouldCompleteWithTheSandboxExceptionItselfNotAWrapper() throws Exception {
        server.enqueue(json(404, "{\"detail\":\"Item not found\"}"));

        CompletableFuture<Throwable> seen = client.report(FLOW, ReportQuery.POLL).handle((value, e) -> e);

        assertThat(seen.get(10, TimeUnit.SECONDS)).isInstanceOf(SandboxHttpException.class);
    }

    @Test
    void shouldCancelTheHttpCallWhenTheFutureIsCancelled() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                release.await(10, TimeUnit.SECONDS);
                return json(200, "{\"accountId\":\"late\"}");
            }
        });
        try {
            CompletableFuture<UserInfo> call = client.me();
            awaitRunning(1);

            call.cancel(true);

            awaitRunning(0);
            assertThat(client.runningCalls()).isZero();
        } finally {
            release.countDown();
        }
    }

    private void awaitRunning(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.runningCalls() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(client.runningCalls()).isEqualTo(expected);
    }
}
