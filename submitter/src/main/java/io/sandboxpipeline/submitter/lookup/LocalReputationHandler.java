package io.sandboxpipeline.submitter.lookup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.sandboxpipeline.core.ops.HttpAnswers;
import io.sandboxpipeline.core.streams.KafkaSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/reputation/hash?sha256=<hex>} answered from the pipeline's own verdict cache, in the Sandbox's
 * response shape ({@link ReputationView}), so a tool built for the Sandbox can ask the pipeline first. Served on the
 * submitter's ops server (see {@link #routes()}).
 *
 * <ul>
 *   <li>200: the cached verdict, or {@code overall_verdict: "unknown"} when the content is not cached or expired;</li>
 *   <li>422, FastAPI style, when {@code sha256} is missing; 400 {@code {"detail": ...}} when it is not 64 hex digits;</li>
 *   <li>503 {@code {"detail": ...}} while the cache cannot be queried (the stage is starting or rebalancing) or the
 *       instance holding the key cannot be reached.</li>
 * </ul>
 * A key held by another submitter instance is asked there, at its {@code application.server} (see
 * {@link KafkaSettings#applicationServer()}). No API key is needed or used: whatever {@code X-Api-Key} a client sends
 * is ignored, never logged and never forwarded.
 */
public final class LocalReputationHandler implements HttpHandler {

    public static final String PATH = "/api/reputation/hash";

    private static final Logger LOG = LoggerFactory.getLogger(LocalReputationHandler.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String JSON = "application/json";

    private final VerdictCacheQuery cache;
    private final ReputationForwarder forwarder = new ReputationForwarder();
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param submitter the submitter stage's Kafka Streams once it started (empty before: answers 503)
     * @param self      this instance's {@code application.server}, when it advertises one
     * @param clock     decides whether a cached verdict has expired
     */
    public LocalReputationHandler(Supplier<Optional<KafkaStreams>> submitter, Optional<HostInfo> self, Clock clock) {
        this.cache = new VerdictCacheQuery(submitter, self);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The handler of a process whose submitter runs with {@code kafka}'s settings (its advertised address, if any). */
    public static LocalReputationHandler create(Supplier<Optional<KafkaStreams>> submitter, KafkaSettings kafka) {
        return new LocalReputationHandler(submitter, kafka.applicationServer().map(HostInfo::buildFromEndpoint), Clock.systemUTC());
    }

    /** The route to add to the ops server: {@code OpsServer.start(settings, scrape, stages, handler.routes())}. */
    public Map<String, HttpHandler> routes() {
        return Map.of(PATH, this);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Optional<String> sha256;
        try {
            sha256 = queryParameter(exchange.getRequestURI().getRawQuery(), "sha256");
        } catch (IllegalArgumentException malformedEscape) {
            send(exchange, 400, detail("Malformed query string"));
            return;
        }
        if (sha256.isEmpty()) {
            send(exchange, 422, missing("query", "sha256"));
            return;
        }
        if (!SHA256.matcher(sha256.get()).matches()) {
            send(exchange, 400, detail("Invalid sha256 hash: expected 64 hexadecimal characters"));
            return;
        }
        String hash = sha256.get().toLowerCase(Locale.ROOT);
        boolean forwarded = exchange.getRequestHeaders().containsKey(ReputationForwarder.FORWARDED_HEADER);
        VerdictCacheQuery.Answer answer = cache.lookup(hash);
        if (answer instanceof VerdictCacheQuery.Local local) {
            send(exchange, 200, ReputationView.of(hash, local.cached(), clock.instant()));
        } else if (answer instanceof VerdictCacheQuery.Elsewhere elsewhere) {
            if (forwarded) {
                send(exchange, 503, detail("this sha256 is held by " + address(elsewhere.host())
                        + ", and a forwarded look-up is not forwarded again; the submitter is probably rebalancing"));
            } else {
                relay(exchange, elsewhere.host(), hash);
            }
        } else {
            send(exchange, 503, detail(((VerdictCacheQuery.Unavailable) answer).reason()));
        }
    }

    private void relay(HttpExchange exchange, HostInfo holder, String sha256) throws IOException {
        ReputationForwarder.Result result = forwarder.forward(holder, sha256);
        if (result instanceof ReputationForwarder.Relayed relayed) {
            HttpAnswers.send(exchange, relayed.status(), JSON, relayed.body());
        } else {
            String reason = ((ReputationForwarder.Failed) result).reason();
            LOG.debug("reputation look-up not forwarded to {}: {}", address(holder), reason);
            send(exchange, 503, detail("this sha256 is held by the submitter instance at " + address(holder) + ", but " + reason));
        }
    }

    private static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }

    /** The first value of {@code name} in a raw query string, decoded; empty when absent. */
    static Optional<String> queryParameter(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** FastAPI's 422 for a required parameter that was not sent. */
    private static ObjectNode missing(String... loc) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode error = body.putArray("detail").addObject();
        error.put("type", "missing");
        ArrayNode location = error.putArray("loc");
        for (String part : loc) {
            location.add(part);
        }
        error.put("msg", "Field required");
        error.putNull("input");
        return body;
    }

    private static ObjectNode detail(String text) {
        return JsonNodeFactory.instance.objectNode().put("detail", text);
    }

    private void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        try {
            HttpAnswers.send(exchange, status, JSON, mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a JSON answer", e);
        }
    }
}
