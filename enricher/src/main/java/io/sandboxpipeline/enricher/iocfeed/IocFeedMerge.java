package io.sandboxpipeline.enricher.iocfeed;

import io.sandboxpipeline.schemas.IocFeedEntry;
import io.sandboxpipeline.schemas.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Folds one more sighting of an indicator into its feed entry. Sightings may arrive out of order (they come from
 * different partitions), so the result does not depend on it: the verdict is the worst by threat level, first and
 * last seen are the minimum and maximum, and "latest" follows the sighting decided last.
 *
 * <p>{@code scanCount} counts distinct flows: a flow already among the entry's {@code recentFlowIds} (the events of
 * one scan, published together) adds nothing.
 *
 * @param maxTags  tag names an entry keeps, first seen first
 * @param maxFlows recent flow ids an entry keeps, newest first
 */
record IocFeedMerge(int maxTags, int maxFlows) {

    IocFeedMerge {
        if (maxTags < 0 || maxFlows < 1) {
            throw new IllegalArgumentException("maxTags must not be negative and maxFlows must be positive, got "
                    + maxTags + " and " + maxFlows);
        }
    }

    IocFeedEntry merge(IocFeedEntry entry, IocFeedEntry sighting) {
        boolean newer = !sighting.getLastSeen().isBefore(entry.getLastSeen());
        List<String> newFlows = sighting.getRecentFlowIds().stream().filter(f -> !entry.getRecentFlowIds().contains(f)).toList();
        return IocFeedEntry.newBuilder()
                .setType(entry.getType())
                .setValue(entry.getValue())
                .setVerdict(worse(entry.getVerdict(), sighting.getVerdict()))
                .setFirstSeen(earlier(entry.getFirstSeen(), sighting.getFirstSeen()))
                .setLastSeen(newer ? sighting.getLastSeen() : entry.getLastSeen())
                .setScanCount(entry.getScanCount() + sighting.getScanCount()
                        - (sighting.getRecentFlowIds().size() - newFlows.size()))
                .setTags(union(entry.getTags(), sighting.getTags(), maxTags))
                .setLatestFlowId(newer ? sighting.getLatestFlowId() : entry.getLatestFlowId())
                .setLatestSha256(newer ? sighting.getLatestSha256() : entry.getLatestSha256())
                .setRecentFlowIds(newer
                        ? union(sighting.getRecentFlowIds(), entry.getRecentFlowIds(), maxFlows)
                        : union(entry.getRecentFlowIds(), newFlows, maxFlows))
                .setWorstFileVerdict(worse(entry.getWorstFileVerdict(), sighting.getWorstFileVerdict()))
                // a flow already counted (the same scan's other events) adds nothing, as for scanCount
                .setSeenInVerdicts(newFlows.isEmpty() ? entry.getSeenInVerdicts() : sum(entry.getSeenInVerdicts(), sighting.getSeenInVerdicts()))
                .build();
    }

    private static Map<String, Integer> sum(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, Integer> counts = new TreeMap<>(a);
        b.forEach((verdict, count) -> counts.merge(verdict, count, Integer::sum));
        return counts;
    }

    /** The worse of two verdicts by the Sandbox's threat level (BENIGN -1 < UNKNOWN 0 < NO_THREAT < ... < MALICIOUS). */
    static Verdict worse(Verdict a, Verdict b) {
        return threatLevel(b) > threatLevel(a) ? b : a;
    }

    private static double threatLevel(Verdict verdict) {
        return io.sandboxpipeline.client.Verdict.valueOf(verdict.name()).nominalThreatLevel();
    }

    private static Instant earlier(Instant a, Instant b) {
        return b.isBefore(a) ? b : a;
    }

    /** {@code first}, then what {@code second} adds, in order, without repeats, at most {@code max}. */
    static List<String> union(List<String> first, List<String> second, int max) {
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return new ArrayList<>(all.stream().limit(max).toList());
    }
}
