package io.sandboxpipeline.serde;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes Confluent Schema Registry REST requests to a {@link MockSchemaRegistry}. */
final class RegistryHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final MockSchemaRegistry registry;
    private final ObjectMapper json = new ObjectMapper();

    RegistryHttpHandler(MockSchemaRegistry registry) {
        this.registry = registry;
    }

    /** A response: HTTP status and the JSON (or, for raw schemas, text) body. */
    private record Reply(int status, Object body) {

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

    /** Thrown inside routing to answer with a Confluent error body. */
    private static final class ErrorReply extends RuntimeException {
        private final transient Reply reply;

        ErrorReply(int status, int errorCode, String message) {
            super(message, null, false, false);
            this.reply = Reply.error(status, errorCode, message);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        try (exchange) {
            try {
                reply = route(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()), exchange);
            } catch (ErrorReply e) {
                reply = e.reply;
            } catch (RuntimeException e) {
                LOG.warn("Schema registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                reply = Reply.error(500, RegistryProtocol.INTERNAL_ERROR, "Error in the schema registry: " + e.getMessage());
            }
            send(exchange, reply);
        }
    }

    private Reply route(String method, List<String> path, HttpExchange exchange) throws IOException {
        int n = path.size();
        boolean get = "GET".equals(method);
        if (n == 0 && get) {
            return Reply.ok(Map.of());
        }
        String root = n == 0 ? "" : path.get(0);
        if ("config".equals(root) && n == 1 && get) {
            return Reply.ok(Map.of("compatibilityLevel", "BACKWARD"));
        }
        if ("schemas".equals(root) && n == 2 && "types".equals(path.get(1)) && get) {
            return Reply.ok(List.of("AVRO"));
        }
        if ("schemas".equals(root) && n >= 3 && n <= 4 && "ids".equals(path.get(1)) && get) {
            Schema schema = schemaById(path.get(2));
            if (n == 3) {
                return Reply.ok(Map.of("schema", schema.toString()));
            }
            if ("schema".equals(path.get(3))) {
                return Reply.ok(json.readTree(schema.toString()));
            }
        }
        if ("subjects".equals(root)) {
            return routeSubjects(method, path, exchange);
        }
        return unrouted(method);
    }

    private Reply routeSubjects(String method, List<String> path, HttpExchange exchange) throws IOException {
        boolean get = "GET".equals(method);
        boolean post = "POST".equals(method);
        int n = path.size();
        if (n == 1 && get) {
            return Reply.ok(registry.subjects());
        }
        String subject = n > 1 ? path.get(1) : "";
        if (n == 2 && post) {
            return lookup(subject, schemaFromBody(exchange));
        }
        if (n == 3 && "versions".equals(path.get(2))) {
            if (get) {
                return Reply.ok(requireSubject(subject));
            }
            if (post) {
                return Reply.ok(Map.of("id", registry.register(subject, schemaFromBody(exchange))));
            }
        }
        if (n == 4 && "versions".equals(path.get(2)) && get) {
            return Reply.ok(versionBody(version(subject, path.get(3))));
        }
        return unrouted(method);
    }

    private Reply lookup(String subject, Schema schema) {
        requireSubject(subject);
        RegisteredSchema found = registry.lookup(subject, schema)
                .orElseThrow(() -> new ErrorReply(404, RegistryProtocol.SCHEMA_NOT_FOUND, "Schema not found"));
        return Reply.ok(versionBody(found));
    }

    private RegisteredSchema version(String subject, String version) {
        requireSubject(subject);
        Optional<RegisteredSchema> found;
        if ("latest".equals(version) || "-1".equals(version)) {
            found = registry.latest(subject);
        } else {
            found = registry.version(subject, parseVersion(version));
        }
        return found.orElseThrow(() -> new ErrorReply(404, RegistryProtocol.VERSION_NOT_FOUND,
                "Version " + version + " not found."));
    }

    private static int parseVersion(String version) {
        try {
            int parsed = Integer.parseInt(version);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below, which says what is allowed
        }
        throw new ErrorReply(422, RegistryProtocol.INVALID_VERSION, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private List<Integer> requireSubject(String subject) {
        List<Integer> versions = registry.versions(subject);
        if (versions.isEmpty()) {
            throw new ErrorReply(404, RegistryProtocol.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private Schema schemaById(String id) {
        Optional<Schema> schema;
        try {
            schema = registry.findById(Integer.parseInt(id));
        } catch (NumberFormatException e) {
            schema = Optional.empty();
        }
        return schema.orElseThrow(() -> new ErrorReply(404, RegistryProtocol.SCHEMA_NOT_FOUND, "Schema " + id + " not found"));
    }

    private static Map<String, Object> versionBody(RegisteredSchema registered) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", registered.subject());
        body.put("version", registered.version());
        body.put("id", registered.id());
        body.put("schema", registered.schema().toString());
        return body;
    }

    private Schema schemaFromBody(HttpExchange exchange) throws IOException {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new ErrorReply(413, 413, "Request body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            body = json.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ErrorReply(400, 400, "Request body is not JSON: " + e.getOriginalMessage());
        }
        JsonNode schema = body.path("schema");
        if (!schema.isTextual()) {
            throw new ErrorReply(422, RegistryProtocol.INVALID_SCHEMA, "Request body needs a \"schema\" string");
        }
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new ErrorReply(422, RegistryProtocol.INVALID_SCHEMA, "Only AVRO schemas are supported, not " + type);
        }
        try {
            return new Schema.Parser().parse(schema.asText());
        } catch (SchemaParseException e) {
            throw new ErrorReply(422, RegistryProtocol.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
        }
    }

    /** This server only reads and registers: other methods are not allowed, other GET/POST paths do not exist. */
    private static Reply unrouted(String method) {
        if ("GET".equals(method) || "POST".equals(method)) {
            return Reply.error(404, 404, "HTTP 404 Not Found");
        }
        return Reply.error(405, 405, "HTTP 405 Method Not Allowed");
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
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
