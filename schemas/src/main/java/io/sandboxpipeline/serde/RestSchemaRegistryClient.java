package io.sandboxpipeline.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client for the subset of the Confluent Schema Registry REST API the serde needs:
 * {@code POST /subjects/{subject}/versions}, {@code POST /subjects/{subject}} and {@code GET /schemas/ids/{id}}.
 *
 * <p>Answers are cached (id to schema, subject and schema to id), so each schema costs at most one request per
 * client. With several base URLs, a request goes to the one that answered last (at first, the first one) and falls
 * over to the next when a URL cannot be reached; an HTTP error answer is final and not retried elsewhere. Credentials ({@code basic.auth.user.info} or {@code user:password@} in a
 * URL) are sent as HTTP basic auth and never appear in messages, logs or {@link #toString()}.
 */
public final class RestSchemaRegistryClient implements SchemaRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final List<URI> baseUrls;
    private final Optional<String> authorization;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger preferred = new AtomicInteger();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    /**
     * @param urls              one or more comma-separated {@code http(s)://host:port[/path]} base URLs
     * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null/blank for none (a
     *                          {@code user:password@} in the first URL is used when this is absent)
     */
    public RestSchemaRegistryClient(String urls, String basicAuthUserInfo) {
        Objects.requireNonNull(urls, "schema registry urls must not be null");
        List<URI> parsed = new ArrayList<>();
        String userInfoFromUrl = null;
        for (String part : urls.split(",")) {
            URI uri = parseBaseUrl(part.trim());
            if (userInfoFromUrl == null) {
                userInfoFromUrl = uri.getRawUserInfo();
            }
            parsed.add(URI.create(RegistryProtocol.withoutUserInfo(uri.toString())));
        }
        this.baseUrls = List.copyOf(parsed);
        String userInfo = basicAuthUserInfo != null && !basicAuthUserInfo.isBlank() ? basicAuthUserInfo : userInfoFromUrl;
        this.authorization = Optional.ofNullable(userInfo).map(RestSchemaRegistryClient::basicAuthorization);
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    private static URI parseBaseUrl(String url) {
        String shown = RegistryProtocol.withoutUserInfo(url);
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("schema.registry.url '" + shown + "' is not a valid URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ConfigException("schema.registry.url '" + shown + "' must look like http(s)://host:port");
        }
        return uri;
    }

    private static String basicAuthorization(String userInfo) {
        if (userInfo.indexOf(':') < 1) {
            throw new ConfigException("basic.auth.user.info must have the form user:password");
        }
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /** The base URLs, without credentials. */
    public List<URI> baseUrls() {
        return baseUrls;
    }

    @Override
    public int register(String subject, Schema schema) {
        return cachedId(subject, schema, "/subjects/" + RegistryProtocol.encodePathSegment(subject) + "/versions");
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return cachedId(subject, schema, "/subjects/" + RegistryProtocol.encodePathSegment(subject));
    }

    /** The id the registry gives {@code schema} under {@code subject} when posted to {@code path}, asked once. */
    private int cachedId(String subject, Schema schema, String path) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer known = idsBySubjectSchema.get(key);
        if (known != null) {
            return known;
        }
        int id = requiredId(post(path, schema), path);
        remember(key, id);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema known = schemasById.get(id);
        if (known != null) {
            return known;
        }
        String path = "/schemas/ids/" + id;
        Answer answer = send("GET", path, HttpRequest.BodyPublishers.noBody());
        if (answer.status() == 404) {
            throw new SerializationException("Unknown schema id " + id + ": " + answer.describe("GET", path));
        }
        JsonNode body = answer.successBody("GET", path);
        Schema schema = parse(body.path("schema").asText(null), path);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    private void remember(SubjectSchema key, int id) {
        idsBySubjectSchema.putIfAbsent(key, id);
        schemasById.putIfAbsent(id, key.schema());
    }

    private JsonNode post(String path, Schema schema) {
        String body;
        try {
            body = json.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (IOException e) {
            throw new SerializationException("Could not encode schema " + schema.getFullName() + " as JSON", e);
        }
        return send("POST", path, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).successBody("POST", path);
    }

    private static int requiredId(JsonNode body, String path) {
        JsonNode id = body.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new SerializationException("Schema registry answer to " + path + " has no numeric \"id\"");
        }
        return id.intValue();
    }

    private static Schema parse(String text, String path) {
        if (text == null) {
            throw new SerializationException("Schema registry answer to GET " + path + " has no \"schema\"");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SerializationException("Schema registry answer to GET " + path + " holds an invalid Avro schema: "
                    + e.getMessage(), e);
        }
    }

    /** Sends to the preferred base URL, falling over to the next ones when a URL cannot be reached. */
    private Answer send(String method, String path, HttpRequest.BodyPublisher body) {
        int first = preferred.get();
        IOException lastFailure = null;
        for (int i = 0; i < baseUrls.size(); i++) {
            int index = (first + i) % baseUrls.size();
            URI base = baseUrls.get(index);
            try {
                HttpResponse<String> response = http.send(request(method, base, path, body),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                preferred.set(index);
                return new Answer(base, response.statusCode(), response.body());
            } catch (IOException e) {
                lastFailure = e;
                LOG.warn("Schema registry {} unreachable for {} {}: {}", base, method, path, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SerializationException("Interrupted while calling schema registry " + base + " " + path, e);
            }
        }
        throw new SerializationException("No schema registry answered " + method + " " + path + " (tried " + baseUrls
                + "): " + lastFailure, lastFailure);
    }

    private HttpRequest request(String method, URI base, String path, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", RegistryProtocol.ACCEPT)
                .header("Content-Type", RegistryProtocol.CONTENT_TYPE)
                .method(method, body);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient[urls=" + baseUrls + ", basicAuth=" + authorization.isPresent() + "]";
    }

    /** One HTTP answer of one registry. */
    private final class Answer {
        private final URI base;
        private final int status;
        private final String body;

        Answer(URI base, int status, String body) {
            this.base = base;
            this.status = status;
            this.body = body;
        }

        int status() {
            return status;
        }

        JsonNode successBody(String method, String path) {
            if (status / 100 != 2) {
                throw new SerializationException(describe(method, path));
            }
            try {
                return json.readTree(body);
            } catch (IOException e) {
                throw new SerializationException("Schema registry " + base + " answered " + method + " " + path
                        + " with a body that is not JSON: " + abbreviate(body), e);
            }
        }

        /** "Schema registry http://h:p answered 404 (error_code 40403) to GET /schemas/ids/7: Schema 7 not found". */
        String describe(String method, String path) {
            String detail = abbreviate(body);
            String code = "";
            try {
                JsonNode error = json.readTree(body);
                if (error != null && error.has("message")) {
                    detail = error.path("message").asText();
                    code = error.has("error_code") ? " (error_code " + error.path("error_code").asText() + ")" : "";
                }
            } catch (IOException e) {
                // not a Confluent error body: the abbreviated raw body is the best detail there is
            }
            String hint = status == 401 || status == 403 ? " (check basic.auth.user.info)" : "";
            return "Schema registry " + base + " answered " + status + code + " to " + method + " " + path + ": "
                    + detail + hint;
        }
    }

    private static String abbreviate(String text) {
        if (text == null || text.isBlank()) {
            return "(empty body)";
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
