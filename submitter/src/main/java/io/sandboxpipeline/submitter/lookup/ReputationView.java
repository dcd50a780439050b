package io.sandboxpipeline.submitter.lookup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sandboxpipeline.schemas.CachedVerdict;
import io.sandboxpipeline.schemas.Verdict;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * A cached verdict in the Sandbox's {@code ReputationResultHash} shape (API contract §2.1), so tools written for
 * {@code GET /api/reputation/hash} read it unchanged:
 * <pre>{@code
 * {"sha256": "...", "overall_verdict": "malicious", "fuzzyhash": {"verdict": "unknown"}, "mdcloud": null,
 *  "filescan_reports": [{"verdict": "malicious", "report_date": "01/28/2025, 10:24:45", "report_id": null,
 *                        "flow_id": "6798b06a09ca8ddccaa476ca"}]}
 * }</pre>
 * Verdicts are lower case as in every reputation answer. A content not cached, or cached but expired, is
 * {@code unknown} with no reports, as the Sandbox answers a hash it never saw.
 *
 * <p>The cache keeps no report id, so {@code report_id} is {@code null}: the Sandbox declares it a string, but the
 * tolerant reading (ours, and a reader's {@code item.get("report_id")}) copes with null, and an explicit null keeps
 * the key present for readers that index it. {@code flow_id} is null when the verdict came without a flow (the
 * Sandbox's own schema allows that). {@code report_date} is when the pipeline decided the verdict, in the Sandbox's
 * {@code MM/DD/YYYY, HH:MM:SS} form (UTC).
 */
final class ReputationView {

    static final String UNKNOWN = "unknown";
    private static final DateTimeFormatter REPORT_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy, HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReputationView() {
    }

    static ObjectNode of(String sha256, Optional<CachedVerdict> cached, Instant now) {
        Optional<CachedVerdict> fresh = cached.filter(verdict -> now.isBefore(verdict.getExpiresAt()));
        ObjectNode result = NODES.objectNode();
        result.put("sha256", sha256);
        result.put("overall_verdict", fresh.map(verdict -> lowerCase(verdict.getVerdict())).orElse(UNKNOWN));
        result.putObject("fuzzyhash").put("verdict", UNKNOWN);
        result.putNull("mdcloud");
        ArrayNode reports = result.putArray("filescan_reports");
        fresh.ifPresent(verdict -> {
            ObjectNode report = reports.addObject();
            report.put("verdict", lowerCase(verdict.getVerdict()));
            report.put("report_date", REPORT_DATE.format(verdict.getDecidedAt()));
            report.putNull("report_id");
            report.put("flow_id", verdict.getFlowId());
        });
        return result;
    }

    private static String lowerCase(Verdict verdict) {
        return verdict.name().toLowerCase(Locale.ROOT);
    }
}
