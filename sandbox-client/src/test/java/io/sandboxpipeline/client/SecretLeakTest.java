package io.sandboxpipeline.client;

import static io.sandboxpipeline.client.TestServers.failure;
import static io.sandboxpipeline.client.TestServers.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Provokes every {@link ErrorKind}, with a server that echoes the key back wherever it can, and checks that the key
 * appears in no message, toString, cause or stack trace, and in no log line even at DEBUG.
 */
class SecretLeakTest {

    private static final String SECRET = "skLEAK0123456789abcdef0123456789abcdef";

    private final MockWebServer server = TestServers.startLoopback();
    private final CountDownLatch releaseStalled = new CountDownLatch(1);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger clientLogger = (Logger) LoggerFactory.getLogger("io.sandboxpipeline.client");
    private Level previousLevel;
    private SandboxClient client;

    @BeforeEach
    void setUp() {
        previousLevel = clientLogger.getLevel();
        clientLogger.setLevel(Level.DEBUG);
        logs.start();
        clientLogger.addAppender(logs);
        server.setDispatcher(new EchoingDispatcher());
        client = SandboxClient.create(SandboxClientConfig.builder().baseUrl(TestServers.baseUrl(server))
                .apiKey(SECRET).readTimeout(Duration.ofMillis(300)).build());
    }

    @AfterEach
    void tearDown() {
        releaseStalled.countDown();
        client.close();
        server.close();
        clientLogger.detachAppender(logs);
        clientLogger.setLevel(previousLevel);
    }

    @Test
    void shouldKeepTheKeyOutOfEveryErrorKindAndTheLogs() throws IOException {
        List<SandboxException> errors = new ArrayList<>();
        for (String scenario : List.of("401", "403", "404", "413", "422", "429", "400", "500", "timeout",
                "malformed", "malformed-token")) {
            errors.add(failure(client.report(scenario, ReportQuery.POLL)));
        }
        errors.add(failure(client.submitFile(new FileUpload("x.bin", 1, () -> {
            throw new IOException("object storage unavailable");
        }), ScanOptions.defaults())));
        errors.add(refusedConnection());

        Set<ErrorKind> provoked = EnumSet.noneOf(ErrorKind.class);
        for (SandboxException error : errors) {
            provoked.add(error.kind());
            assertThat(everythingPrintable(error)).as(error.kind() + " exception").doesNotContain(SECRET);
        }
        assertThat(provoked).containsExactlyInAnyOrder(ErrorKind.values());
        assertThat(logs.list).isNotEmpty()
                .allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(SECRET));
        assertThat(server.getRequestCount()).isGreaterThanOrEqualTo(11);
    }

    private SandboxException refusedConnection() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        try (SandboxClient unreachable = SandboxClient.create(SandboxClientConfig.builder()
                .baseUrl(URI.create("http://127.0.0.1:" + closedPort)).apiKey(SECRET).build())) {
            return failure(unreachable.me());
        }
    }

    private static String everythingPrintable(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        StringBuilder all = new StringBuilder(out.toString());
        for (Throwable t = error; t != null; t = t.getCause()) {
            all.append('\n').append(t).append('\n').append(t.getMessage());
        }
        if (error instanceof SandboxException sandbox) {
            all.append(sandbox.detail().orElse("")).append(sandbox.endpoint()).append(sandbox.validationErrors());
        }
        return all.toString();
    }

    /** Answers by the flow id in the path, echoing the received key in every body it can. */
    private final class EchoingDispatcher extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String key = String.valueOf(request.getHeaders().get("X-Api-Key"));
            List<String> segments = request.getUrl().pathSegments();
            String scenario = segments.size() > 2 ? segments.get(2) : "";
            return switch (scenario) {
                case "401", "403", "404", "413", "400" -> json(Integer.parseInt(scenario),
                        "{\"detail\":\"key " + key + " rejected\"}");
                case "422" -> json(422, "{\"detail\":[{\"loc\":[\"header\",\"" + key + "\"],"
                        + "\"msg\":\"bad key " + key + "\",\"type\":\"value_error\",\"input\":\"" + key + "\"}]}");
                case "429" -> new MockResponse.Builder().code(429).setHeader("Retry-After", key)
                        .body("{\"detail\":\"quota of " + key + "\"}").build();
                case "500" -> new MockResponse.Builder().code(500).body("Internal Server Error for " + key).build();
                case "timeout" -> {
                    releaseStalled.await(10, TimeUnit.SECONDS);
                    yield json(200, "{}");
                }
                case "malformed" -> json(200, "{\"flowId\": \"" + key + "\", \"reports\": ");
                case "malformed-token" -> json(200, key);
                default -> json(200, "{\"accountId\":\"" + key + "\"}");
            };
        }
    }
}
