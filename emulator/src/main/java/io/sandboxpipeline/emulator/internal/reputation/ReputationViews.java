package io.sandboxpipeline.emulator.internal.reputation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sandboxpipeline.emulator.internal.content.EmulatedVerdict;
import io.sandboxpipeline.emulator.internal.http.SandboxDates;
import java.util.Optional;

/** Renders {@code ReputationResultHash} and {@code ReputationResultIoc} (verdicts lower-case). */
final class ReputationViews {

    /** MetaDefender Cloud engine count shown in the {@code mdcloud} summary of known hashes. */
    private static final int AV_ENGINES = 21;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReputationViews() {
    }

    static ObjectNode hash(String sha256, Optional<Reputation> reputation) {
        ObjectNode result = NODES.objectNode();
        result.put("sha256", sha256);
        result.put("overall_verdict", verdictOf(reputation));
        result.putObject("fuzzyhash").put("verdict", EmulatedVerdict.UNKNOWN.lowerCase());
        if (reputation.isPresent()) {
            result.putObject("mdcloud")
                    .put("total_av_engines", AV_ENGINES)
                    .put("detected_av_engines", detections(reputation.get().verdict()))
                    .put("scan_time", SandboxDates.isoMicros(reputation.get().firstSeen()));
        } else {
            result.putNull("mdcloud");
        }
        result.set("filescan_reports", reports(reputation));
        return result;
    }

    static ObjectNode ioc(String type, String value, Optional<Reputation> reputation) {
        ObjectNode result = NODES.objectNode();
        result.put("ioc_type", type);
        result.put("ioc_value", value);
        result.put("overall_verdict", verdictOf(reputation));
        if (reputation.isPresent()) {
            result.putObject("mdcloud")
                    .put("scan_time", SandboxDates.isoMicros(reputation.get().firstSeen()))
                    .put("detected", detections(reputation.get().verdict()));
        } else {
            result.putNull("mdcloud");
        }
        result.set("filescan_reports", reports(reputation));
        return result;
    }

    private static String verdictOf(Optional<Reputation> reputation) {
        return reputation.map(Reputation::verdict).orElse(EmulatedVerdict.UNKNOWN).lowerCase();
    }

    private static ArrayNode reports(Optional<Reputation> reputation) {
        ArrayNode reports = NODES.arrayNode();
        reputation.ifPresent(known -> known.reports().forEach(report -> reports.addObject()
                .put("verdict", report.verdict().lowerCase())
                .put("report_date", report.reportDate())
                .put("report_id", report.reportId())
                .put("flow_id", report.flowId())));
        return reports;
    }

    private static int detections(EmulatedVerdict verdict) {
        switch (verdict) {
            case MALICIOUS:
                return 17;
            case LIKELY_MALICIOUS:
                return 9;
            case SUSPICIOUS:
                return 2;
            default:
                return 0;
        }
    }
}
