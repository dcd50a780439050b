package io.sandboxpipeline.client;

import java.util.Objects;
import java.util.Optional;

/**
 * A report's {@code finalVerdict}.
 *
 * @param verdict the risk-score verdict ({@code INFORMATIONAL} already mapped to NO_THREAT)
 * @param threatLevel the service's number, kept as sent (authoritative: -1 benign ... 1 malicious)
 * @param confidence 0..1 as sent
 * @param verdictLabel the human-friendly label (e.g. {@code low_risk}) when the service has them enabled
 */
public record FinalVerdict(Verdict verdict, double threatLevel, double confidence, Optional<String> verdictLabel) {

    public FinalVerdict {
        Objects.requireNonNull(verdict, "verdict must not be null (use Verdict.UNKNOWN)");
        Objects.requireNonNull(verdictLabel, "verdictLabel must not be null (use Optional.empty())");
        if (!Double.isFinite(threatLevel) || !Double.isFinite(confidence)) {
            throw new IllegalArgumentException("threatLevel and confidence must be finite numbers, got "
                    + threatLevel + " and " + confidence);
        }
    }
}
