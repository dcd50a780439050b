package io.sandboxpipeline.tools.verdicts;

import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.Lane;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.Verdict;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which verdicts to print: an empty set lets every value through, otherwise a verdict must match one value of each
 * given set (verdicts OR-ed, then AND-ed with the lane and the statuses).
 *
 * @param verdicts  accepted verdicts; empty for any
 * @param lane      the accepted lane; empty for both
 * @param statuses  accepted statuses; empty for any
 */
public record VerdictFilter(Set<Verdict> verdicts, Optional<Lane> lane, Set<OutcomeStatus> statuses)
        implements Predicate<EnrichedVerdict> {

    public VerdictFilter {
        verdicts = Set.copyOf(verdicts);
        Objects.requireNonNull(lane, "lane (use Optional.empty() for both lanes)");
        statuses = Set.copyOf(statuses);
    }

    public static VerdictFilter all() {
        return new VerdictFilter(Set.of(), Optional.empty(), Set.of());
    }

    @Override
    public boolean test(EnrichedVerdict verdict) {
        return (verdicts.isEmpty() || verdicts.contains(verdict.getVerdict()))
                && lane.map(l -> l == verdict.getLane()).orElse(true)
                && (statuses.isEmpty() || statuses.contains(verdict.getStatus()));
    }
}
