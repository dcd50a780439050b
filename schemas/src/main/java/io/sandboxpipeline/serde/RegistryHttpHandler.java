package io.sandboxpipeline.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the registry server: parses a request (method, path segments, query, JSON body), lets
 * {@link RegistryRoutes} answer it, and writes the answer with Confluent's content type and error bodies
 * ({@code {"error_code": 40401, "message": "..."}}).
 */
final class RegistryHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final RegistryRoutes routes;
    private final ObjectMapper json = new ObjectMapper();

    RegistryHttpHandler(MockSchemaRegistry registry) {
        this.routes = new RegistryRoutes(registry);
    }

    /** One request: what the routes need of it. */
    record Request(String method, List<String> path, Map<String, String> query, JsonNode body) {

        boolean is(String wanted, int segments) {
            return method.equals(wanted) && path.size() == segments;
        }

        String segment(int index) {
            return index < path.size() ? path.get(index) : "";
        }

        boolean flag(String name) {
            return Boolean.parseBoolean(query.getOrDefault(name, "false"));
        }
    }

    /** A response: HTTP status and the JSON body. */
    record Reply(int status, Object body) {

        static Reply ok(Object body) {
            return new Reply(200, body);
        }

        static Reply error(int status, int errorCode, String message) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error_code", errorCode);
            body.put("message", message);
            return new Reply(status, body);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        try (exchange) {
            try {
                reply = routes.answer(new Request(exchange.getRequestMethod(),
                        segments(exchange.getRequestURI().getRawPath()), query(exchange.getRequestURI().getRawQuery()),
                        body(exchange)));
            } catch (RegistryException e) {
                reply = Reply.error(e.status(), e.errorCode(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Schema registry request {} {} failed", exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), e);
                reply = Reply.error(500, RegistryProtocol.INTERNAL_ERROR, "Error in the schema registry: " + e.getMessage());
            }
            send(exchange, reply);
        }
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new RegistryException(413, 413, "Request body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new RegistryException(400, 400, "Request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(decode(raw));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
                } else if (!pair.isEmpty()) {
                    query.put(decode(pair), "true");
                }
            }
        }
        return query;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = json.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", RegistryProtocol.CONTENT_TYPE);
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
