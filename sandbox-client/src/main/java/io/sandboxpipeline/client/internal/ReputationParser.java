package io.sandboxpipeline.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sandboxpipeline.client.HashReputation;
import io.sandboxpipeline.client.IocReputation;
import io.sandboxpipeline.client.IocType;
import io.sandboxpipeline.client.MdCloudSummary;
import io.sandboxpipeline.client.ReputationReport;
import io.sandboxpipeline.client.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads the reputation answers (API contract §2.1-2.3). {@code overall_verdict} must be present; the rest is optional. */
public final class ReputationParser {

    private ReputationParser() {
    }

    public static HashReputation hash(JsonNode node, String requestedSha256) {
        requireReputationObject(node);
        return new HashReputation(
                JsonFields.text(node, "sha256").orElse(requestedSha256),
                Verdict.parse(JsonFields.text(node, "overall_verdict").orElse(null)),
                reports(node),
                mdCloud(JsonFields.object(node, "mdcloud")));
    }

    public static List<HashReputation> hashes(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new ResponseShapeException("expected a JSON array of hash reputations");
        }
        List<HashReputation> results = new ArrayList<>();
        for (JsonNode element : node) {
            results.add(hash(element, JsonFields.text(element, "sha256").orElse("")));
        }
        return results;
    }

    public static IocReputation ioc(JsonNode node, IocType type, String value) {
        requireReputationObject(node);
        return new IocReputation(
                type,
                JsonFields.text(node, "ioc_value").orElse(value),
                Verdict.parse(JsonFields.text(node, "overall_verdict").orElse(null)),
                reports(node));
    }

    private static void requireReputationObject(JsonNode node) {
        if (node == null || !node.isObject() || JsonFields.text(node, "overall_verdict").isEmpty()) {
            throw new ResponseShapeException("expected a reputation object with overall_verdict");
        }
    }

    private static List<ReputationReport> reports(JsonNode node) {
        List<ReputationReport> reports = new ArrayList<>();
        for (JsonNode item : JsonFields.array(node, "filescan_reports")) {
            reports.add(new ReputationReport(
                    Verdict.parse(JsonFields.text(item, "verdict").orElse(null)),
                    JsonFields.firstText(item, "report_id", "reportId").orElse(""),
                    JsonFields.firstText(item, "flow_id", "flowId"),
                    JsonFields.text(item, "report_date")));
        }
        return reports;
    }

    private static Optional<MdCloudSummary> mdCloud(JsonNode node) {
        OptionalInt total = JsonFields.intValue(node, "total_av_engines");
        OptionalInt detected = JsonFields.intValue(node, "detected_av_engines");
        if (total.isEmpty() && detected.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MdCloudSummary(Math.max(0, total.orElse(0)), Math.max(0, detected.orElse(0))));
    }
}
