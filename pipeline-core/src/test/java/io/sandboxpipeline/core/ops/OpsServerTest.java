package io.sandboxpipeline.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ops endpoints over real HTTP, on 127.0.0.1 and an ephemeral port. */
class OpsServerTest {

    private static final OpsSettings LOOPBACK = new OpsSettings(OpsSettings.DEFAULT_HOST, 0, true);
    private static final String METRICS = "# TYPE sandbox_pipeline_events_in_total counter\n"
            + "sandbox_pipeline_events_in_total{stage=\"submitter\"} 3.0\n";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<Map<String, State>> states = new AtomicReference<>(Map.of());
    private OpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private OpsServer start(Supplier<String> scrape) {
        server = OpsServer.start(LOOPBACK, scrape, states::get);
        return server;
    }

    private HttpResponse<String> request(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return request("GET", path);
    }

    private static Map<String, State> stages(Object... nameAndState) {
        Map<String, State> map = new LinkedHashMap<>();
        for (int i = 0; i < nameAndState.length; i += 2) {
            map.put((String) nameAndState[i], (State) nameAndState[i + 1]);
        }
        return map;
    }

    @Test
    void shouldServeTheScrapedMetricsAsPrometheusText() throws Exception {
        start(() -> METRICS);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(METRICS);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(OpsServer.PROMETHEUS_CONTENT_TYPE);
    }

    @Test
    void shouldBeReadyOnlyOnceEveryStageRuns() throws Exception {
        start(() -> METRICS);
        states.set(stages("submitter", State.RUNNING, "poller", State.REBALANCING));

        HttpResponse<String> rebalancing = get("/health/ready");
        states.set(stages("submitter", State.RUNNING, "poller", State.RUNNING));
        HttpResponse<String> running = get("/health/ready");

        assertThat(rebalancing.statusCode()).isEqualTo(503);
        assertThat(rebalancing.body()).isEqualTo("{\"status\":\"DOWN\",\"stages\":{\"poller\":\"REBALANCING\",\"submitter\":\"RUNNING\"}}");
        assertThat(rebalancing.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(running.statusCode()).isEqualTo(200);
        assertThat(running.body()).isEqualTo("{\"status\":\"UP\",\"stages\":{\"poller\":\"RUNNING\",\"submitter\":\"RUNNING\"}}");
    }

    @Test
    void shouldStayLiveWhileAStageRebalancesAndFailOnceAStageStoppedForGood() throws Exception {
        start(() -> METRICS);
        states.set(stages("enricher", State.REBALANCING));

        HttpResponse<String> rebalancing = get("/health/live");
        states.set(stages("enricher", State.ERROR));
        HttpResponse<String> failed = get("/health/live");

        assertThat(rebalancing.statusCode()).isEqualTo(200);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.body()).contains("\"enricher\":\"ERROR\"");
    }

    @Test
    void shouldBeLiveButNotReadyBeforeAnyStageStarted() throws Exception {
        start(() -> METRICS);

        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void shouldAnswerHeadWithoutABodyAndRefuseOtherMethods() throws Exception {
        start(() -> METRICS);
        states.set(stages("poller", State.RUNNING));

        HttpResponse<String> head = request("HEAD", "/health/ready");
        HttpResponse<String> post = request("POST", "/metrics");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void shouldAnswer404ForAnyOtherPathIncludingPrefixesOfRealOnes() throws Exception {
        start(() -> METRICS);

        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/metrics/extra").statusCode()).isEqualTo(404);
        assertThat(get("/health").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer500WithoutEchoingTheErrorWhenTheScrapeFails() throws Exception {
        start(() -> {
            throw new IllegalStateException("registry broke near X-Api-Key: s3cr3t");
        });

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("s3cr3t").contains("scraping the metrics failed");
    }

    @Test
    void shouldReportNotReadyWhenTheStageStatesCannotBeRead() throws Exception {
        server = OpsServer.start(LOOPBACK, () -> METRICS, () -> {
            throw new IllegalStateException("closed");
        });

        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
        assertThat(get("/health/live").statusCode()).isEqualTo(503);
    }

    @Test
    void shouldListenOnLoopbackOnlyByDefault() {
        start(() -> METRICS);

        assertThat(OpsSettings.defaults().host()).isEqualTo("127.0.0.1");
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(server.address().getPort()).isPositive();
        assertThat(server.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + server.address().getPort()));
    }

    @Test
    void shouldExplainWhichSettingToChangeWhenThePortIsTaken() {
        start(() -> METRICS);
        OpsSettings taken = new OpsSettings(OpsSettings.DEFAULT_HOST, server.address().getPort(), true);

        assertThatThrownBy(() -> OpsServer.start(taken, () -> METRICS, states::get))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("ops.port")
                .hasMessageContaining(String.valueOf(server.address().getPort()));
    }

    @Test
    void shouldStopListeningWhenClosed() {
        start(() -> METRICS);
        URI metrics = server.baseUri().resolve("/metrics");

        server.close();

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldStartOnlyWhenEnabled() {
        assertThat(OpsServer.startIfEnabled(new OpsSettings(OpsSettings.DEFAULT_HOST, 0, false), () -> METRICS, states::get)).isEmpty();

        server = OpsServer.startIfEnabled(LOOPBACK, () -> METRICS, states::get).orElseThrow();

        assertThat(server.address().getPort()).isPositive();
    }

    @Test
    void shouldServeAnExtraRouteOnItsExactPathAlongsideItsOwn() throws Exception {
        HttpHandler hello = exchange -> {
            byte[] body = ("{\"query\":\"" + exchange.getRequestURI().getQuery() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        };
        server = OpsServer.start(LOOPBACK, () -> METRICS, states::get, Map.of("/api/reputation/hash", hello));

        HttpResponse<String> routed = get("/api/reputation/hash?sha256=abc");

        assertThat(routed.statusCode()).isEqualTo(200);
        assertThat(routed.body()).isEqualTo("{\"query\":\"sha256=abc\"}");
        assertThat(get("/api/reputation/hash/extra").statusCode()).isEqualTo(404);
        assertThat(get("/metrics").body()).isEqualTo(METRICS);
        assertThat(request("POST", "/api/reputation/hash").statusCode()).isEqualTo(405);
    }

    @Test
    void shouldAnswer500WithoutEchoingTheErrorWhenAnExtraRouteFails() throws Exception {
        HttpHandler broken = exchange -> {
            throw new IllegalStateException("route broke near X-Api-Key: s3cr3t");
        };
        server = OpsServer.start(LOOPBACK, () -> METRICS, states::get, Map.of("/broken", broken));

        HttpResponse<String> response = get("/broken");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("s3cr3t");
    }

    @Test
    void shouldRefuseAnExtraRouteThatWouldHideItsOwnEndpoints() {
        HttpHandler any = exchange -> exchange.sendResponseHeaders(204, -1);

        assertThatThrownBy(() -> OpsServer.start(LOOPBACK, () -> METRICS, states::get, Map.of("/metrics", any)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/metrics");
    }
}
