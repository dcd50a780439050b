package io.sandboxpipeline.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@code GET /api/reputation/hash}. An unseen hash has {@code overallVerdict} UNKNOWN and no reports.
 *
 * @param reports previous Sandbox reports for this hash ({@code filescan_reports})
 */
public record HashReputation(String sha256, Verdict overallVerdict, List<ReputationReport> reports,
        Optional<MdCloudSummary> mdcloud) {

    public HashReputation {
        Objects.requireNonNull(sha256, "sha256 must not be null");
        Objects.requireNonNull(overallVerdict, "overallVerdict must not be null (use Verdict.UNKNOWN)");
        reports = List.copyOf(Objects.requireNonNull(reports, "reports must not be null (use an empty list)"));
        Objects.requireNonNull(mdcloud, "mdcloud must not be null (use Optional.empty())");
    }

    /** The Workflow Guide's rule: when the overall verdict is likely_malicious or malicious, skip uploading. */
    public boolean isMaliciousEnoughToSkipScan() {
        return overallVerdict == Verdict.MALICIOUS || overallVerdict == Verdict.LIKELY_MALICIOUS;
    }
}
