package io.sandboxpipeline.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The service's own OpenAPI document ({@code docs/sandbox-api/filescan-openapi.json}) as a judge of the emulator's
 * answers: the path and method must be documented, the status declared for the operation, and a JSON body must
 * validate against the declared response schema, checked by an independent JSON Schema 2020-12 validator (networknt).
 * {@link #ALLOWED} lists, with a reason each, the few places where the document is known to be incomplete.
 */
public final class OpenApiContract {

    /**
     * A known gap of the document: answers of {@code method} on {@code pathTemplate} with {@code status} (0: any); with
     * a {@code finding}, only the schema findings that contain it, else the status itself.
     */
    record Allowed(String method, String pathTemplate, int status, String finding, String reason) {

        Allowed(String method, String pathTemplate, int status, String reason) {
            this(method, pathTemplate, status, null, reason);
        }

        boolean covers(String method, String template, int status) {
            return finding == null && matches(method, template, status);
        }

        boolean covers(String method, String template, int status, String message) {
            return finding != null && message.contains(finding) && matches(method, template, status);
        }

        private boolean matches(String method, String template, int status) {
            return (this.method.equals("*") || this.method.equals(method)) && (this.pathTemplate.equals("*")
                    || this.pathTemplate.equals(template)) && (this.status == 0 || this.status == status);
        }
    }

    static final List<Allowed> ALLOWED = List.of(
            new Allowed("GET", "/api/users/me", 0, "not in the document's paths, but the key check of OPSWAT's own Splunk"
                    + " SOAR, Cortex XSOAR and InQuest integrations; its GetCurrentUserResponse schema is in the components"),
            new Allowed("*", "*", 401, "every path requires X-Api-Key (the document's security scheme applies to all), but"
                    + " only some operations declare 401"),
            new Allowed("*", "*", 429, "quotas are set per route by admins (API Quota docs); the document declares 429 on"
                    + " uploads only"),
            new Allowed("GET", "/api/scan/{flow_id}/report", 200, "/sourceArchive", "the document's SourceArchive.tags is"
                    + " one TagsResponse, but the captured archive reports (Cortex XSOAR, InQuest) carry an array of them"),
            new Allowed("*", "(not in the document)", 404, "FastAPI answers a path it does not serve 404 {\"detail\":"
                    + " \"Not Found\"}: an error class clients meet, outside any documented path"),
            new Allowed("*", "*", 405, "FastAPI answers a documented path with another method 405 {\"detail\": \"Method Not"
                    + " Allowed\"}"),
            new Allowed("*", "/api/scan/*", 200, "max_posibble", "the document's ScanResponse requires the misspelt"
                    + " 'max_posibble'; every real answer and the Workflow Guide's examples say 'max_possible'"));

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode DOCUMENT = load();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

    private OpenApiContract() {
    }

    /** Every violation of these answers, once each; empty when they all keep to the document. */
    public static List<String> violations(Collection<Exchange> exchanges) {
        Set<String> all = new LinkedHashSet<>();
        exchanges.forEach(exchange -> all.addAll(violations(exchange)));
        return List.copyOf(all);
    }

    /** What is wrong with this answer by the document; empty when nothing is. Injected faults are not the API's. */
    public static List<String> violations(Exchange exchange) {
        if (exchange.injected()) {
            return List.of();
        }
        String method = exchange.method().toUpperCase(Locale.ROOT);
        Optional<String> template = template(exchange.path());
        String where = method + " " + exchange.path() + " -> " + exchange.status();
        if (template.isEmpty()) {
            return allowed(method, exchange.path(), exchange.status()) || allowed(method, "(not in the document)", exchange.status())
                    ? List.of() : List.of(where + ": path not in the document");
        }
        JsonNode operation = DOCUMENT.path("paths").path(template.get()).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            return allowed(method, template.get(), exchange.status()) ? List.of() : List.of(where + ": method not documented");
        }
        JsonNode response = operation.path("responses").path(String.valueOf(exchange.status()));
        if (response.isMissingNode()) {
            response = operation.path("responses").path("default");
        }
        if (response.isMissingNode()) {
            if (allowed(method, template.get(), exchange.status())) {
                return List.of();
            }
            return List.of(where + ": status not declared (declared: " + names(operation.path("responses")) + ")");
        }
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (schema.isMissingNode() || exchange.json().isEmpty()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (Error error : compiled(schema).validate(exchange.json().get().toString(), InputFormat.JSON)) {
            String message = error.getInstanceLocation() + " " + error.getMessage();
            String found = template.get();
            if (ALLOWED.stream().noneMatch(a -> a.covers(method, found, exchange.status(), message)
                    || a.covers(method, "/api/scan/*", exchange.status(), message) && found.startsWith("/api/scan/"))) {
                problems.add(where + ": " + message);
            }
        }
        return problems;
    }

    /** The document's path template matching this path, e.g. {@code /api/scan/{flow_id}/report}. */
    static Optional<String> template(String path) {
        for (Iterator<String> it = DOCUMENT.path("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            String regex = "\\Q" + template.replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
            if (Pattern.matches(regex, path)) {
                return Optional.of(template);
            }
        }
        return Optional.empty();
    }

    private static boolean allowed(String method, String template, int status) {
        return ALLOWED.stream().anyMatch(a -> a.covers(method, template, status));
    }

    /**
     * The response schema with the document's component schemas beside it as {@code $defs}, so that its
     * {@code #/components/schemas/...} references resolve within one JSON Schema document.
     */
    private static Schema compiled(JsonNode schema) {
        return COMPILED.computeIfAbsent(schema.toString(), key -> {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("$defs", DOCUMENT.path("components").path("schemas"));
            root.setAll((ObjectNode) schema.deepCopy());
            return SCHEMAS.getSchema(root.toString().replace("#/components/schemas/", "#/$defs/"), InputFormat.JSON);
        });
    }

    private static String names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static JsonNode load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/sandbox-api/filescan-openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("sandbox-api/filescan-openapi.json is not on the test class path");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
