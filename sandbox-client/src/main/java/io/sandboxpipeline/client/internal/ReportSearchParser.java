package io.sandboxpipeline.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sandboxpipeline.client.ReportSearchHit;
import io.sandboxpipeline.client.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code {"items":[{id, file{sha256, ...}, scan_init{id}, state, verdict, tags, date}], "count", ...}}.
 * Tolerant: items without an id are skipped, a missing {@code scan_init} leaves the flow unknown, a missing
 * {@code file.sha256} leaves the hash unknown (never assumed), tags may be strings or {@code {tag:{name}}} objects,
 * unknown fields are ignored.
 */
public final class ReportSearchParser {

    private ReportSearchParser() {
    }

    public static List<ReportSearchHit> hits(JsonNode node) {
        if (!node.isObject()) {
            throw new ResponseShapeException("expected a JSON object with items, got " + node.getNodeType());
        }
        List<ReportSearchHit> hits = new ArrayList<>();
        for (JsonNode item : JsonFields.array(node, "items")) {
            var id = JsonFields.text(item, "id");
            if (id.isEmpty()) {
                continue;
            }
            hits.add(new ReportSearchHit(id.get(),
                    JsonFields.text(JsonFields.object(item, "scan_init"), "id"),
                    JsonFields.text(JsonFields.object(item, "file"), "sha256").map(h -> h.strip().toLowerCase(Locale.ROOT)),
                    JsonFields.text(item, "state"),
                    Verdict.parse(JsonFields.text(item, "verdict").orElse(null)),
                    JsonFields.text(item, "date"),
                    tags(item)));
        }
        return List.copyOf(hits);
    }

    private static List<String> tags(JsonNode item) {
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : JsonFields.array(item, "tags")) {
            Optional<String> name = tag.isTextual() ? Optional.of(tag.asText())
                    : JsonFields.text(JsonFields.object(tag, "tag"), "name").or(() -> JsonFields.text(tag, "name"));
            name.map(String::strip).filter(n -> !n.isEmpty()).ifPresent(tags::add);
        }
        return tags;
    }
}
