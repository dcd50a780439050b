package io.sandboxpipeline.bench;

import java.util.Collection;
import java.util.OptionalLong;

/**
 * Report polls of the scans a system made: how many polls each scan took until it was seen finished.
 *
 * @param scans                flows counted
 * @param polls                polls until finished, summed over the flows
 * @param maxPolls             the most polls one flow took
 * @param countedAtFinish      flows whose polls were counted at their finish instant (exact)
 * @param derived              flows whose polls were derived as "report requests minus one enrichment fetch"
 */
record FlowPolls(int scans, long polls, long maxPolls, int countedAtFinish, int derived) {

    static final FlowPolls NONE = new FlowPolls(0, 0, 0, 0, 0);

    double perScan() {
        return scans == 0 ? 0.0 : (double) polls / scans;
    }

    /** A script's flows: it never fetches a report other than by polling, so every report request is a poll. */
    static FlowPolls ofScripts(Collection<String> flowIds, PollSource emulator) {
        long polls = 0;
        long max = 0;
        for (String flowId : flowIds) {
            long count = emulator.reportRequests(flowId);
            polls += count;
            max = Math.max(max, count);
        }
        return new FlowPolls(flowIds.size(), polls, max, flowIds.size(), 0);
    }

    /** The pipeline's flows: polls counted at each flow's finish where possible (see {@link PollCounter}). */
    static FlowPolls ofPipeline(Collection<String> flowIds, PollCounter counter, boolean enriches) {
        long polls = 0;
        long max = 0;
        int exact = 0;
        for (String flowId : flowIds) {
            long requests = counter.reportRequests(flowId);
            OptionalLong counted = counter.pollsUntilFinished(flowId);
            long flowPolls;
            if (counted.isPresent()) {
                flowPolls = Math.min(counted.getAsLong(), requests);
                exact++;
            } else {
                flowPolls = Math.max(1, enriches ? requests - 1 : requests);
            }
            polls += flowPolls;
            max = Math.max(max, flowPolls);
        }
        return new FlowPolls(flowIds.size(), polls, max, exact, flowIds.size() - exact);
    }

    /** Report requests of one flow, as the emulator counted them. */
    interface PollSource {
        long reportRequests(String flowId);
    }
}
