package io.sandboxpipeline.enricher.iocfeed;

import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.Ioc;
import io.sandboxpipeline.schemas.IocFeedEntry;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.Tag;
import io.sandboxpipeline.schemas.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;

/**
 * The indicators one verdict names, each as a one-sighting feed entry keyed {@code <type>:<value>}: the file's own
 * sha256 and every IOC of its report. Only verdicts with a decision count ({@code status DONE}), whatever their lane:
 * a REPLAY rescan is a real scan. A verdict answered from the verdict cache is a sighting but not a new scan.
 *
 * <p>An IOC's verdict is its own report item's, or UNKNOWN: most report items rate nothing (five of the six captured
 * reports that list IOCs rate none), and the file's verdict says nothing about the domains, URLs and hashes it merely
 * names (a malicious page links github.com too). The file's verdict goes to {@code worstFileVerdict} and
 * {@code seenInVerdicts} instead.
 */
final class IocSightings {

    private IocSightings() {
    }

    static List<KeyValue<String, IocFeedEntry>> of(EnrichedVerdict verdict, IocFeedMerge merge) {
        if (verdict == null || verdict.getStatus() != OutcomeStatus.DONE) {
            return List.of();
        }
        List<String> tags = IocFeedMerge.union(verdict.getTags().stream().map(Tag::getName).toList(), List.of(), merge.maxTags());
        // a report may list the file's own hash among its IOCs too: one entry per key, merged
        Map<String, IocFeedEntry> sightings = new LinkedHashMap<>();
        if (verdict.getSha256() != null) {
            add(sightings, merge, sighting(verdict, "sha256", verdict.getSha256(), verdict.getVerdict(), tags));
        }
        for (Ioc ioc : verdict.getIocs()) {
            // the IOC's own verdict when the report item gave one; never the file's
            Verdict own = ioc.getVerdict() != null ? ioc.getVerdict() : Verdict.UNKNOWN;
            add(sightings, merge, sighting(verdict, ioc.getType(), ioc.getValue(), own, tags));
        }
        List<KeyValue<String, IocFeedEntry>> records = new ArrayList<>();
        sightings.forEach((key, entry) -> records.add(KeyValue.pair(key, entry)));
        return records;
    }

    private static void add(Map<String, IocFeedEntry> sightings, IocFeedMerge merge, Optional<IocFeedEntry> sighting) {
        sighting.ifPresent(entry -> sightings.merge(IocKeys.key(entry.getType(), entry.getValue()), entry, merge::merge));
    }

    private static Optional<IocFeedEntry> sighting(EnrichedVerdict verdict, String rawType, String rawValue, Verdict iocVerdict,
                                                   List<String> tags) {
        String type = IocKeys.type(rawType);
        Optional<String> value = IocKeys.value(type, rawValue);
        if (type.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        // cache answers repeat the flow of an earlier scan; a verdict without a flow has no scan to count
        boolean newScan = verdict.getFlowId() != null && verdict.getDecidedBy() != Decider.CACHE;
        Verdict fileVerdict = verdict.getVerdict() == null ? Verdict.UNKNOWN : verdict.getVerdict();
        return Optional.of(IocFeedEntry.newBuilder()
                .setType(type)
                .setValue(value.get())
                .setVerdict(iocVerdict == null ? Verdict.UNKNOWN : iocVerdict)
                .setFirstSeen(verdict.getDecidedAt())
                .setLastSeen(verdict.getDecidedAt())
                .setScanCount(newScan ? 1 : 0)
                .setTags(tags)
                .setLatestFlowId(verdict.getFlowId())
                .setLatestSha256(verdict.getSha256())
                .setRecentFlowIds(newScan ? List.of(verdict.getFlowId()) : List.of())
                .setWorstFileVerdict(fileVerdict)
                .setSeenInVerdicts(newScan ? Map.of(fileVerdict.name(), 1) : Map.of())
                .build());
    }
}
