package io.sandboxpipeline.client;

import java.util.List;
import java.util.Objects;

/** The answer of {@code GET /api/reputation/{ip|domain|url}}. */
public record IocReputation(IocType type, String value, Verdict overallVerdict, List<ReputationReport> reports) {

    public IocReputation {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(value, "value must not be null");
        Objects.requireNonNull(overallVerdict, "overallVerdict must not be null (use Verdict.UNKNOWN)");
        reports = List.copyOf(Objects.requireNonNull(reports, "reports must not be null (use an empty list)"));
    }
}
