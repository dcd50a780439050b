package io.sandboxpipeline.app.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Sandbox as users meet it, built independently of the emulator: it forwards every call to a real upstream
 * (the emulator scans), except that
 * <ul>
 *   <li>{@code GET /api/reports/search} answers what the public service's "Simple Search" gives a caller whose
 *   parameters it ignores: the newest public reports of other users, dated now, some of them malicious;</li>
 *   <li>those strangers' flows answer {@code GET /api/scan/{flow}/report} with a finished MALICIOUS report of the
 *   stranger's file, so a flow adopted by mistake shows as a wrong verdict;</li>
 *   <li>a share of the upload answers is lost: the upload reaches the upstream (a flow starts), but the caller gets a
 *   200 whose JSON is cut off.</li>
 * </ul>
 * The JSON here is written by hand from the reference's description of the service, not with the emulator's code.
 */
final class ForeignSandboxProxy implements AutoCloseable {

    private static final DateTimeFormatter REPORT_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy, HH:mm:ss");

    private final URI upstream;
    private final boolean strangersInSearch;
    private final int garbleEvery;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Random random = new Random(11);
    private final Set<String> strangerFlows = ConcurrentHashMap.newKeySet();
    private final AtomicInteger uploads = new AtomicInteger();
    private final AtomicInteger garbled = new AtomicInteger();
    private final AtomicInteger searches = new AtomicInteger();
    private final AtomicInteger strangerPolls = new AtomicInteger();

    /**
     * @param strangersInSearch the search answers strangers' reports only (else it is forwarded)
     * @param garbleEvery       every n-th upload answer is cut off (0: none)
     */
    ForeignSandboxProxy(URI upstream, boolean strangersInSearch, int garbleEvery) throws IOException {
        this.upstream = upstream;
        this.strangersInSearch = strangersInSearch;
        this.garbleEvery = garbleEvery;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int uploads() {
        return uploads.get();
    }

    int garbled() {
        return garbled.get();
    }

    int searches() {
        return searches.get();
    }

    /** Polls of strangers' flows: each one means a stranger's flow was adopted. */
    int strangerPolls() {
        return strangerPolls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/reports/search")) {
                searches.incrementAndGet();
            }
            if (strangersInSearch && path.equals("/api/reports/search")) {
                answer(exchange, 200, strangersSearchPage());
                return;
            }
            String flow = path.startsWith("/api/scan/") && path.endsWith("/report")
                    ? path.substring("/api/scan/".length(), path.length() - "/report".length()) : "";
            if (strangerFlows.contains(flow)) {
                strangerPolls.incrementAndGet();
                answer(exchange, 200, strangersReport(flow));
                return;
            }
            HttpResponse<byte[]> forwarded = forward(exchange);
            if (path.equals("/api/scan/file") && forwarded.statusCode() == 200 && garbleEvery > 0
                    && uploads.incrementAndGet() % garbleEvery == 0) {
                garbled.incrementAndGet();
                String whole = new String(forwarded.body(), StandardCharsets.UTF_8);
                answer(exchange, 200, whole.substring(0, Math.min(whole.length(), 14)));
                return;
            }
            if (path.equals("/api/scan/file") && garbleEvery == 0) {
                uploads.incrementAndGet();
            }
            exchange.getResponseHeaders().put("Content-Type",
                    forwarded.headers().allValues("Content-Type").isEmpty() ? List.of("application/json")
                            : forwarded.headers().allValues("Content-Type"));
            exchange.sendResponseHeaders(forwarded.statusCode(), forwarded.body().length == 0 ? -1 : forwarded.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(forwarded.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : List.of("X-Api-Key", "Content-Type", "Accept")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String strangersSearchPage() {
        StringBuilder items = new StringBuilder();
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(REPORT_DATE);
        for (int i = 0; i < 10; i++) {
            String flow = hex(12);
            strangerFlows.add(flow);
            String verdict = i % 3 == 0 ? "malicious" : i % 3 == 1 ? "likely_malicious" : "no_threat";
            if (i > 0) {
                items.append(',');
            }
            items.append("{\"id\":\"").append(java.util.UUID.randomUUID()).append("\",")
                    .append("\"file\":{\"name\":\"invoice-").append(i).append(".exe\",\"mime_type\":\"application/x-dosexec\",")
                    .append("\"short_type\":\"peexe\",\"sha256\":\"").append(hex(32)).append("\",\"link\":\"\"},")
                    .append("\"scan_init\":{\"id\":\"").append(flow).append("\"},\"state\":\"success\",")
                    .append("\"verdict\":\"").append(verdict).append("\",\"tags\":[{\"source\":\"MEDIA_TYPE\",\"tag\":{\"name\":\"peexe\"}}],")
                    .append("\"date\":\"").append(now).append("\",\"matches\":[],\"updated_date\":\"").append(now).append("\"}");
        }
        return "{\"items\":[" + items + "],\"count\":10000,\"count_search_params\":0,\"method\":\"and\"}";
    }

    private String strangersReport(String flow) {
        String report = UUID.randomUUID().toString();
        return "{\"flowId\":\"" + flow + "\",\"allFinished\":true,\"allFilesDownloadFinished\":true,\"allAdditionalStepsDone\":true,"
                + "\"reportsAmount\":1,\"priority\":\"max\",\"pollPause\":5,\"state\":\"finished\",\"reports\":{\"" + report
                + "\":{\"overallState\":\"success\",\"finalVerdict\":{\"verdict\":\"MALICIOUS\",\"threatLevel\":1,\"confidence\":1},"
                + "\"file\":{\"name\":\"invoice.exe\",\"hash\":\"" + hex(32) + "\",\"type\":\"pe\"},\"allTags\":[],"
                + "\"allSignalGroups\":[],\"iocs\":{}}}}";
    }

    private synchronized String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
