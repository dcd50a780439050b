package io.sandboxpipeline.core.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a stage process's ops endpoints over plain HTTP:
 * <ul>
 *   <li>{@code GET /metrics}: the Prometheus text from the scrape function (the app passes
 *       {@code PrometheusMeterRegistry::scrape}, so this module needs no Prometheus dependency);</li>
 *   <li>{@code GET /health/live}: 200 unless a stage is in a fatal state (see {@link StageHealth}), else 503;</li>
 *   <li>{@code GET /health/ready}: 200 when every stage is {@code RUNNING}, else 503;</li>
 * </ul>
 * both health endpoints with a small JSON body naming each stage's state, plus any extra routes a stage adds (e.g. the
 * submitter's local reputation endpoint), each on its exact path. {@code HEAD} works too; other methods get 405,
 * other paths 404. Nothing served holds a secret: metrics carry no API key, health bodies only stage names and states.
 */
public final class OpsServer implements AutoCloseable {

    public static final String METRICS_PATH = "/metrics";
    public static final String LIVE_PATH = "/health/live";
    public static final String READY_PATH = "/health/ready";
    private static final List<String> OWN_PATHS = List.of(METRICS_PATH, LIVE_PATH, READY_PATH);

    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON_CONTENT_TYPE = "application/json";
    private static final String TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";
    private static final int THREADS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<String> scrape;
    private final Supplier<Map<String, KafkaStreams.State>> stages;
    private final Map<String, HttpHandler> extraRoutes;

    private OpsServer(HttpServer server, ExecutorService executor, Supplier<String> scrape,
                      Supplier<Map<String, KafkaStreams.State>> stages, Map<String, HttpHandler> extraRoutes) {
        this.server = server;
        this.executor = executor;
        this.scrape = scrape;
        this.stages = stages;
        this.extraRoutes = extraRoutes;
    }

    /**
     * Starts serving, whether or not {@code settings.enabled()} (see {@link #startIfEnabled}).
     *
     * @param scrape the Prometheus text of every meter, called once per {@code GET /metrics}
     * @param stages each stage's Kafka Streams state by stage name, called once per health request
     * @throws UncheckedIOException when the address cannot be bound (e.g. the port is taken)
     */
    public static OpsServer start(OpsSettings settings, Supplier<String> scrape, Supplier<Map<String, KafkaStreams.State>> stages) {
        return start(settings, scrape, stages, Map.of());
    }

    /**
     * As {@link #start(OpsSettings, Supplier, Supplier)}, also serving {@code extraRoutes}: each handler answers the GET
     * and HEAD requests of its exact path (the server closes the exchange; a handler that fails before answering gives
     * a 500 without its error text).
     *
     * @throws IllegalArgumentException when a route path does not start with '/' or is one of the server's own paths
     */
    public static OpsServer start(OpsSettings settings, Supplier<String> scrape, Supplier<Map<String, KafkaStreams.State>> stages,
                                  Map<String, HttpHandler> extraRoutes) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(scrape, "scrape");
        Objects.requireNonNull(stages, "stages");
        Map<String, HttpHandler> routes = Map.copyOf(Objects.requireNonNull(extraRoutes, "extraRoutes (use Map.of())"));
        for (String path : routes.keySet()) {
            if (!path.startsWith("/") || OWN_PATHS.contains(path)) {
                throw new IllegalArgumentException("extra ops route '" + path + "' must start with '/' and must not be one of "
                        + OWN_PATHS);
            }
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the ops endpoints on " + settings.host() + ":" + settings.port() + " ("
                    + OpsSettings.HOST_KEY + ", " + OpsSettings.PORT_KEY + "): " + e.getMessage()
                    + "; is the port taken? " + OpsSettings.PORT_KEY + "=0 picks a free one", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        OpsServer ops = new OpsServer(server, executor, scrape, stages, routes);
        server.createContext("/", ops::handle);
        server.setExecutor(executor);
        server.start();
        LOG.info("ops endpoints on {} ({}, {}, {}{})", ops.baseUri(), METRICS_PATH, LIVE_PATH, READY_PATH,
                routes.isEmpty() ? "" : ", " + String.join(", ", new TreeSet<>(routes.keySet())));
        return ops;
    }

    /** Starts serving when {@code settings.enabled()}; empty otherwise. */
    public static Optional<OpsServer> startIfEnabled(OpsSettings settings, Supplier<String> scrape,
                                                     Supplier<Map<String, KafkaStreams.State>> stages) {
        return startIfEnabled(settings, scrape, stages, Map.of());
    }

    /** Starts serving, with {@code extraRoutes}, when {@code settings.enabled()}; empty otherwise. */
    public static Optional<OpsServer> startIfEnabled(OpsSettings settings, Supplier<String> scrape,
                                                     Supplier<Map<String, KafkaStreams.State>> stages,
                                                     Map<String, HttpHandler> extraRoutes) {
        return settings.enabled() ? Optional.of(start(settings, scrape, stages, extraRoutes)) : Optional.empty();
    }

    /** The bound address; with port 0, the port actually chosen. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** E.g. {@code http://127.0.0.1:9464}. */
    public URI baseUri() {
        InetSocketAddress address = address();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                HttpAnswers.send(exchange, 405, TEXT_CONTENT_TYPE, "only GET and HEAD are served\n");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case METRICS_PATH -> metrics(exchange);
                case LIVE_PATH -> health(exchange, true);
                case READY_PATH -> health(exchange, false);
                default -> {
                    HttpHandler route = extraRoutes.get(path);
                    if (route != null) {
                        extra(route, exchange);
                    } else {
                        HttpAnswers.send(exchange, 404, TEXT_CONTENT_TYPE,
                                "not found; try " + METRICS_PATH + ", " + LIVE_PATH + " or " + READY_PATH + "\n");
                    }
                }
            }
        } finally {
            exchange.close();
        }
    }

    private static void extra(HttpHandler route, HttpExchange exchange) throws IOException {
        try {
            route.handle(exchange);
        } catch (IOException | RuntimeException e) {
            // the error text may quote a request; only its type is logged
            LOG.warn("ops route {} failed: {}", exchange.getRequestURI().getPath(), e.getClass().getName());
            if (exchange.getResponseCode() == -1) {
                HttpAnswers.send(exchange, 500, TEXT_CONTENT_TYPE, "the request failed\n");
            }
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        String text;
        try {
            text = scrape.get();
        } catch (RuntimeException e) {
            LOG.warn("scraping the metrics failed: {}", e.getClass().getName());
            HttpAnswers.send(exchange, 500, TEXT_CONTENT_TYPE, "scraping the metrics failed\n");
            return;
        }
        HttpAnswers.send(exchange, 200, PROMETHEUS_CONTENT_TYPE, text);
    }

    private void health(HttpExchange exchange, boolean liveness) throws IOException {
        Map<String, KafkaStreams.State> states;
        try {
            states = stages.get();
        } catch (RuntimeException e) {
            LOG.warn("reading the stage states failed: {}", e.getClass().getName());
            HttpAnswers.send(exchange, 503, JSON_CONTENT_TYPE, "{\"status\":\"DOWN\",\"stages\":{}}");
            return;
        }
        StageHealth health = liveness ? StageHealth.live(states) : StageHealth.ready(states);
        HttpAnswers.send(exchange, health.httpStatus(), JSON_CONTENT_TYPE, health.json());
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "ops-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops listening at once (a scrape in progress is cut off) and ends the server's threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
