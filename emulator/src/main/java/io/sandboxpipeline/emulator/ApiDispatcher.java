package io.sandboxpipeline.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.sandboxpipeline.emulator.internal.http.ApiRequest;
import io.sandboxpipeline.emulator.internal.http.ApiResponse;
import io.sandboxpipeline.emulator.internal.scan.FlowRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP handler: counts the request, routes it, checks the API key and quota, rolls the fault dice, runs the
 * operation and sends the answer - after the injected delay, without holding a worker thread meanwhile. Whatever the
 * answer, the rest of the request body is drained after the answer is sent so clients that are still uploading see
 * the status instead of a reset connection.
 */
final class ApiDispatcher implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);
    /** Request bodies are drained up to this many bytes after an early answer; beyond, the connection is closed. */
    private static final long DRAIN_LIMIT_BYTES = 8L * 1024 * 1024 * 1024;
    private static final String API_KEY_HEADER = "X-Api-Key";

    private final Router router;
    private final byte[] apiKey;
    private final RequestCounters counters;
    private final FlowRegistry flows;
    private final FaultInjector faults;
    private final ObjectMapper mapper;
    private final Executor workers;
    private final ScheduledExecutorService scheduler;
    private volatile Consumer<Exchange> observer = exchange -> { };
    /** Whether the answer being made on this thread is an injected fault. */
    private final ThreadLocal<Boolean> injected = ThreadLocal.withInitial(() -> false);

    ApiDispatcher(Router router, String apiKey, RequestCounters counters, FlowRegistry flows, FaultInjector faults,
                  ObjectMapper mapper, Executor workers, ScheduledExecutorService scheduler) {
        this.router = router;
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.counters = counters;
        this.flows = flows;
        this.faults = faults;
        this.mapper = mapper;
        this.workers = workers;
        this.scheduler = scheduler;
    }

    /** Sees every answer (for tests that hold the emulator to the OpenAPI document). */
    void observe(Consumer<Exchange> observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    @Override
    public void handle(HttpExchange exchange) {
        Duration delay = Duration.ZERO;
        boolean counted = false;
        ApiResponse response;
        injected.set(false);
        try {
            ApiRequest request = ApiRequest.from(exchange);
            Router.Route route = router.route(request);
            counters.request(route.endpoint());
            counted = true;
            route.pollOf().ifPresent(flows::recordPoll);
            delay = faults.delayFor(route.endpoint());
            response = answer(route, request);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Sandbox emulator failed to handle {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), e);
            if (!counted) {
                counters.request(Endpoint.OTHER);
            }
            response = ApiResponse.text(500, "text/plain; charset=utf-8", "Internal Server Error");
        }
        counters.response(response.status());
        observer.accept(new Exchange(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), response.status(),
                response.contentType(), Optional.ofNullable(response.isJson() ? response.json() : null), injected.get()));
        byte[] body = bodyOf(response);
        ApiResponse toSend = response;
        if (delay.isZero()) {
            send(exchange, toSend, body);
        } else {
            scheduler.schedule(() -> dispatchLater(exchange, toSend, body), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private ApiResponse answer(Router.Route route, ApiRequest request) throws IOException {
        if (route.authenticated()) {
            Optional<ApiResponse> denied = authenticate(request);
            if (denied.isPresent()) {
                return denied.get();
            }
            Optional<ApiResponse> limited = faults.overQuota(route.endpoint());
            if (limited.isPresent()) {
                injected.set(true);
                return limited.get();
            }
        }
        Optional<ApiResponse> broken = faults.serverError();
        if (broken.isPresent()) {
            injected.set(true);
            return broken.get();
        }
        return route.operation().handle(request);
    }

    /** 401 for a missing or wrong key; the messages never contain the key sent or expected. */
    private Optional<ApiResponse> authenticate(ApiRequest request) {
        Optional<String> sent = request.header(API_KEY_HEADER);
        if (sent.isEmpty() || sent.get().isEmpty()) {
            return Optional.of(ApiResponse.detail(401, "Not authenticated: send your API key in the X-Api-Key header"));
        }
        if (!MessageDigest.isEqual(sent.get().getBytes(StandardCharsets.UTF_8), apiKey)) {
            return Optional.of(ApiResponse.detail(401, "Invalid API key"));
        }
        return Optional.empty();
    }

    private byte[] bodyOf(ApiResponse response) {
        if (!response.isJson()) {
            return response.rawBody();
        }
        try {
            byte[] json = mapper.writeValueAsBytes(response.json());
            if (response.status() == 200 && faults.malformJson()) {
                // Any strict prefix of a JSON object or array is invalid JSON.
                return Arrays.copyOf(json, Math.max(1, json.length / 2));
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response tree", e);
        }
    }

    private void dispatchLater(HttpExchange exchange, ApiResponse response, byte[] body) {
        try {
            workers.execute(() -> send(exchange, response, body));
        } catch (RejectedExecutionException shuttingDown) {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, ApiResponse response, byte[] body) {
        try {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            // Every answer has a body; -1 (no body) would let the server reuse the connection before draining.
            exchange.sendResponseHeaders(response.status(), body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body);
            out.flush();
            drain(exchange.getRequestBody());
        } catch (IOException clientGone) {
            LOG.debug("Could not send the answer (client gone?): {}", clientGone.toString());
        } finally {
            exchange.close();
        }
    }

    private static void drain(InputStream body) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long drained = 0;
        for (int read = body.read(sink); read >= 0 && drained < DRAIN_LIMIT_BYTES; read = body.read(sink)) {
            drained += read;
        }
    }
}
