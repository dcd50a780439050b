package io.sandboxpipeline.client;

import java.util.Objects;
import java.util.Optional;

/** A previous Sandbox report in a reputation answer ({@code filescan_reports[]}). */
public record ReputationReport(Verdict verdict, String reportId, Optional<String> flowId,
        Optional<String> reportDate) {

    public ReputationReport {
        Objects.requireNonNull(verdict, "verdict must not be null (use Verdict.UNKNOWN)");
        Objects.requireNonNull(reportId, "reportId must not be null (use an empty string when unknown)");
        Objects.requireNonNull(flowId, "flowId must not be null (use Optional.empty())");
        Objects.requireNonNull(reportDate, "reportDate must not be null (use Optional.empty())");
    }
}
