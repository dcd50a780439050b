package io.sandboxpipeline.tools.replay;

import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.Verdict;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a run came to, counted from its terminal records: per status, per verdict, per decider, and the Sandbox work
 * it cost as far as the topics show it.
 *
 * @param events       events in the run
 * @param byStatus     DONE, FAILED, SKIPPED, TIMED_OUT, DEAD_LETTER and MISSING (no terminal record yet), zeros included
 * @param byVerdict    verdicts of the events that have one, in the schema's order, zeros left out
 * @param byDecider    REPUTATION, SANDBOX, CACHE and NONE, zeros included
 * @param newFlows     distinct flow ids of verdicts decided by SANDBOX: scans this run caused
 * @param uploads      uploads behind those flows, a failed and retried scan counting each of its attempts
 */
public record ReplaySummary(long events, Map<String, Long> byStatus, Map<Verdict, Long> byVerdict,
                            Map<Decider, Long> byDecider, long newFlows, long uploads) {

    public static final String DEAD_LETTER = "DEAD_LETTER";
    public static final String MISSING = "MISSING";

    public ReplaySummary {
        byStatus = Map.copyOf(byStatus);
        byVerdict = Map.copyOf(byVerdict);
        byDecider = Map.copyOf(byDecider);
    }

    public static ReplaySummary of(List<ReplayEvent> events, Map<String, EventOutcome> outcomes) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (OutcomeStatus status : OutcomeStatus.values()) {
            byStatus.put(status.name(), 0L);
        }
        byStatus.put(DEAD_LETTER, 0L);
        byStatus.put(MISSING, 0L);
        Map<Verdict, Long> byVerdict = new EnumMap<>(Verdict.class);
        Map<Decider, Long> byDecider = new EnumMap<>(Decider.class);
        for (Decider decider : Decider.values()) {
            byDecider.put(decider, 0L);
        }
        Map<String, Integer> attemptsPerFlow = new HashMap<>();
        for (ReplayEvent event : events) {
            EventOutcome outcome = outcomes.get(event.eventId());
            String status = outcome == null ? MISSING : outcome.verdict() == null ? DEAD_LETTER : outcome.verdict().getStatus().name();
            byStatus.merge(status, 1L, Long::sum);
            if (outcome != null && outcome.verdict() != null) {
                EnrichedVerdict verdict = outcome.verdict();
                byVerdict.merge(verdict.getVerdict(), 1L, Long::sum);
                byDecider.merge(verdict.getDecidedBy(), 1L, Long::sum);
                if (verdict.getDecidedBy() == Decider.SANDBOX && verdict.getFlowId() != null) {
                    attemptsPerFlow.merge(verdict.getFlowId(), Math.max(1, verdict.getAttempts()), Math::max);
                }
            }
        }
        long uploads = attemptsPerFlow.values().stream().mapToLong(Integer::longValue).sum();
        return new ReplaySummary(events.size(), byStatus, byVerdict, byDecider, attemptsPerFlow.size(), uploads);
    }

    public long answered() {
        return events - byStatus.getOrDefault(MISSING, 0L);
    }

    public void print(PrintWriter out, String run) {
        out.printf("Run %s: %d events, %d with their terminal record%s%n", run, events, answered(),
                answered() == events ? "" : " (" + (events - answered()) + " still without one)");
        out.println("  status       " + join(orderedStatuses()));
        out.println("  verdict      " + (byVerdict.isEmpty() ? "-" : join(ordered(byVerdict, Verdict.values()))));
        out.println("  decided by   " + join(ordered(byDecider, Decider.values())));
        long cacheHits = byDecider.getOrDefault(Decider.CACHE, 0L);
        long byReputation = byDecider.getOrDefault(Decider.REPUTATION, 0L);
        out.printf("  Sandbox      %d new scan%s (distinct flows decided by SANDBOX), %d upload%s incl. retried scans;%n",
                newFlows, newFlows == 1 ? "" : "s", uploads, uploads == 1 ? "" : "s");
        out.printf("               %d cache hit%s (no Sandbox call); %d verdict%s from the reputation API (a look-up each).%n",
                cacheHits, cacheHits == 1 ? "" : "s", byReputation, byReputation == 1 ? "" : "s");
        out.println("               Look-ups before an upload and report polls are not on the topics: see the pipeline's");
        out.println("               metrics, sandbox_pipeline_sandbox_calls_total by endpoint.");
    }

    private Map<String, Long> orderedStatuses() {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (OutcomeStatus status : OutcomeStatus.values()) {
            ordered.put(status.name(), byStatus.getOrDefault(status.name(), 0L));
        }
        ordered.put("dead-lettered", byStatus.getOrDefault(DEAD_LETTER, 0L));
        ordered.put("no record yet", byStatus.getOrDefault(MISSING, 0L));
        return ordered;
    }

    private static <E extends Enum<E>> Map<String, Long> ordered(Map<E, Long> counts, E[] order) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (E value : order) {
            if (counts.containsKey(value)) {
                ordered.put(value.name(), counts.get(value));
            }
        }
        return ordered;
    }

    private static String join(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
