package io.sandboxpipeline.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sandboxpipeline.client.ReportSearchHit;
import io.sandboxpipeline.client.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code {"items":[{id, file{sha256}, scan_init{id}, state, verdict, date}], "count", ...}}. Tolerant: items
 * without an id are skipped, a missing {@code scan_init} leaves the flow unknown, unknown fields are ignored.
 */
public final class ReportSearchParser {

    private ReportSearchParser() {
    }

    public static List<ReportSearchHit> hits(JsonNode node, String requestedSha256) {
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
                    JsonFields.text(JsonFields.object(item, "file"), "sha256").orElse(requestedSha256),
                    JsonFields.text(item, "state"),
                    Verdict.parse(JsonFields.text(item, "verdict").orElse(null)),
                    JsonFields.text(item, "date")));
        }
        return List.copyOf(hits);
    }
}
