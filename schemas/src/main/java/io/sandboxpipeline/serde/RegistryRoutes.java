package io.sandboxpipeline.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.serde.RegistryHttpHandler.Reply;
import io.sandboxpipeline.serde.RegistryHttpHandler.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * What the registry answers, path by path, as Confluent's Schema Registry API documents it: schemas by id, subjects
 * and their versions (with soft and permanent deletion and {@code ?deleted=true}), schema references, compatibility
 * levels ({@code /config}, with {@code defaultToGlobal}), compatibility checks ({@code /compatibility}) and modes
 * ({@code /mode}).
 */
final class RegistryRoutes {

    private final MockSchemaRegistry registry;
    private final ObjectMapper json = new ObjectMapper();

    RegistryRoutes(MockSchemaRegistry registry) {
        this.registry = registry;
    }

    Reply answer(Request request) {
        String root = request.segment(0);
        if (request.is("GET", 0)) {
            return Reply.ok(Map.of());
        }
        return switch (root) {
            case "schemas" -> schemas(request);
            case "subjects" -> subjects(request);
            case "config" -> config(request);
            case "mode" -> mode(request);
            case "compatibility" -> compatibility(request);
            default -> unrouted(request);
        };
    }

    private Reply schemas(Request request) {
        if (request.is("GET", 2) && "types".equals(request.segment(1))) {
            return Reply.ok(List.of("AVRO"));
        }
        if (!"GET".equals(request.method()) || !"ids".equals(request.segment(1)) || request.path().size() < 3) {
            return unrouted(request);
        }
        StoredSchema stored = storedById(request.segment(2));
        if (request.path().size() == 3) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("schema", stored.text());
            putReferences(body, stored.references());
            return Reply.ok(body);
        }
        return switch (request.path().size() == 4 ? request.segment(3) : "") {
            case "schema" -> Reply.ok(rawSchema(stored.text()));
            case "versions" -> Reply.ok(registry.usages(stored.id()).stream()
                    .map(r -> Map.of("subject", r.subject(), "version", r.version())).toList());
            case "subjects" -> Reply.ok(registry.usages(stored.id()).stream().map(RegisteredSchema::subject).distinct()
                    .toList());
            default -> unrouted(request);
        };
    }

    private Reply subjects(Request request) {
        boolean deleted = request.flag("deleted");
        String subject = request.segment(1);
        if (request.is("GET", 1)) {
            return Reply.ok(registry.subjects(deleted));
        }
        if (request.is("POST", 2)) {
            requireSubject(subject, deleted);
            return Reply.ok(versionBody(registry.lookup(subject, schemaText(request), references(request), deleted)
                    .orElseThrow(() -> new RegistryException(404, RegistryProtocol.SCHEMA_NOT_FOUND, "Schema not found"))));
        }
        if (request.is("DELETE", 2)) {
            return Reply.ok(registry.deleteSubject(subject, request.flag("permanent")));
        }
        if (request.is("GET", 3) && "versions".equals(request.segment(2))) {
            return Reply.ok(requireSubject(subject, deleted));
        }
        if (request.is("POST", 3) && "versions".equals(request.segment(2))) {
            return Reply.ok(Map.of("id", registry.register(subject, schemaText(request), references(request)).id()));
        }
        if (request.path().size() < 4 || !"versions".equals(request.segment(2))) {
            return unrouted(request);
        }
        String version = request.segment(3);
        if (request.is("DELETE", 4)) {
            return Reply.ok(registry.deleteVersion(subject, version, request.flag("permanent")));
        }
        if (!"GET".equals(request.method())) {
            return unrouted(request);
        }
        RegisteredSchema registered = registry.version(subject, version, deleted);
        return switch (request.path().size() == 5 ? request.segment(4) : request.path().size() == 4 ? "" : "?") {
            case "" -> Reply.ok(versionBody(registered));
            case "schema" -> Reply.ok(rawSchema(registered.text()));
            case "referencedby" -> Reply.ok(registry.referencedBy(subject, registered.version()));
            default -> unrouted(request);
        };
    }

    private Reply config(Request request) {
        SubjectSettings settings = registry.settings();
        String subject = request.path().size() == 2 ? request.segment(1) : null;
        if (request.path().size() > 2) {
            return unrouted(request);
        }
        switch (request.method()) {
            case "GET":
                if (subject == null || request.flag("defaultToGlobal")) {
                    return Reply.ok(Map.of("compatibilityLevel", settings.compatibility(subject).name()));
                }
                return Reply.ok(Map.of("compatibilityLevel", settings.ownCompatibility(subject)
                        .orElseThrow(() -> notConfigured(subject, "compatibility", 40408)).name()));
            case "PUT":
                Compatibility level = Compatibility.parse(request.body().path("compatibility").asText(null));
                settings.setCompatibility(subject, level);
                return Reply.ok(Map.of("compatibility", level.name()));
            case "DELETE":
                Compatibility previous = subject == null ? settings.globalCompatibility()
                        : settings.clearCompatibility(subject).orElseThrow(() -> notConfigured(subject, "compatibility", 40408));
                if (subject == null) {
                    settings.setCompatibility(null, Compatibility.BACKWARD);
                }
                return Reply.ok(Map.of("compatibilityLevel", previous.name()));
            default:
                return unrouted(request);
        }
    }

    private Reply mode(Request request) {
        SubjectSettings settings = registry.settings();
        String subject = request.path().size() == 2 ? request.segment(1) : null;
        if (request.path().size() > 2) {
            return unrouted(request);
        }
        if ("GET".equals(request.method())) {
            return Reply.ok(Map.of("mode", settings.mode(subject)));
        }
        if ("PUT".equals(request.method())) {
            String mode = request.body().path("mode").asText("");
            settings.setMode(subject, mode);
            return Reply.ok(Map.of("mode", mode));
        }
        return unrouted(request);
    }

    private Reply compatibility(Request request) {
        int n = request.path().size();
        if (!"POST".equals(request.method()) || (n != 4 && n != 5) || !"subjects".equals(request.segment(1))
                || !"versions".equals(request.segment(3))) {
            return unrouted(request);
        }
        List<String> problems = compatibilityProblems(request.segment(2), n == 5 ? request.segment(4) : null,
                schemaText(request), references(request));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("is_compatible", problems.isEmpty());
        if (request.flag("verbose")) {
            body.put("messages", problems);
        }
        return Reply.ok(body);
    }

    /** Why {@code text} may not follow the given version ({@code null}: the versions its level checks) of a subject. */
    private List<String> compatibilityProblems(String subject, String version, String text,
                                               List<SchemaReference> references) {
        Schema candidate = SchemaTexts.parse(text, references, registry::referenced).schema();
        Compatibility level = registry.compatibility(subject);
        if (version == null) {
            List<Schema> earlier = registry.versions(subject).stream()
                    .map(v -> registry.version(subject, v).orElseThrow().schema()).toList();
            return level.problems(candidate, earlier);
        }
        if (RegistryProtocol.isLatest(version) && registry.versions(subject, true).isEmpty()) {
            return List.of();
        }
        return level.problems(candidate, List.of(registry.version(subject, version, false).schema()));
    }

    private List<Integer> requireSubject(String subject, boolean includeDeleted) {
        List<Integer> versions = registry.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryProtocol.subjectNotFound(subject);
        }
        return versions;
    }

    private StoredSchema storedById(String id) {
        try {
            return registry.storedById(Integer.parseInt(id)).orElseThrow();
        } catch (RuntimeException e) {
            throw new RegistryException(404, RegistryProtocol.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
    }

    private static String schemaText(Request request) {
        JsonNode schema = request.body().path("schema");
        if (!schema.isTextual()) {
            throw new RegistryException(422, RegistryProtocol.INVALID_SCHEMA, "Invalid schema: the request body needs "
                    + "a \"schema\" string");
        }
        String type = request.body().path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new RegistryException(422, RegistryProtocol.INVALID_SCHEMA, "Invalid schema: only AVRO schemas are "
                    + "supported, not " + type);
        }
        return schema.asText();
    }

    private static List<SchemaReference> references(Request request) {
        List<SchemaReference> references = new ArrayList<>();
        for (JsonNode reference : request.body().path("references")) {
            if (!reference.path("name").isTextual() || !reference.path("subject").isTextual()
                    || !reference.path("version").canConvertToInt()) {
                throw new RegistryException(422, RegistryProtocol.INVALID_SCHEMA, "Invalid schema: a reference needs "
                        + "\"name\", \"subject\" and \"version\", got " + reference);
            }
            references.add(new SchemaReference(reference.path("name").asText(), reference.path("subject").asText(),
                    reference.path("version").asInt()));
        }
        return references;
    }

    private JsonNode rawSchema(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> versionBody(RegisteredSchema registered) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", registered.subject());
        body.put("version", registered.version());
        body.put("id", registered.id());
        putReferences(body, registered.references());
        body.put("schema", registered.text());
        return body;
    }

    private static void putReferences(Map<String, Object> body, List<SchemaReference> references) {
        if (!references.isEmpty()) {
            body.put("references", references.stream().map(r -> Map.of("name", r.name(), "subject", r.subject(),
                    "version", r.version())).toList());
        }
    }

    private static RegistryException notConfigured(String subject, String what, int code) {
        return new RegistryException(404, code, "Subject '" + subject + "' does not have subject-level " + what
                + " configured");
    }

    /** Paths this registry does not know answer 404; known paths with another method answer 405. */
    private static Reply unrouted(Request request) {
        boolean knownRoot = List.of("schemas", "subjects", "config", "mode", "compatibility").contains(request.segment(0));
        return knownRoot && !"GET".equals(request.method()) && !"POST".equals(request.method())
                ? Reply.error(405, 405, "HTTP 405 Method Not Allowed")
                : Reply.error(404, 404, "HTTP 404 Not Found");
    }
}
