package io.sandboxpipeline.emulator.internal.reputation;

import io.sandboxpipeline.emulator.internal.content.EmulatedVerdict;
import java.time.Instant;
import java.util.List;

/**
 * What the emulator knows about a hash or IOC.
 *
 * @param verdict   the verdict of the newest finished report
 * @param reports   finished reports, newest first, at most {@link ReputationBook#MAX_REPORTS}
 * @param firstSeen when the first report finished
 */
public record Reputation(EmulatedVerdict verdict, List<KnownReport> reports, Instant firstSeen) {

    public Reputation {
        reports = List.copyOf(reports);
    }
}
