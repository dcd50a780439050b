package io.sandboxpipeline.poller;

/**
 * The poller's names: its stage, its state stores, its processors and sinks, as the topology wires them and the
 * processor addresses them. A leaf: it imports nothing of the stage, so the processor need not know the topology.
 */
public final class PollerNames {

    public static final String STAGE_NAME = "poller";
    public static final String SCHEDULED_FLOWS_STORE = "poller-scheduled-flows";
    public static final String DUE_INDEX_STORE = "poller-due-index";

    public static final String FLOWS_SOURCE = "scan-flows-and-delayed-polls-source";
    public static final String POLL_FLOWS = "poll-flows";
    public static final String TO_SCAN_RESULTS = "poll-flows-to-scan-results";
    public static final String TO_SCAN_REQUESTS = "poll-flows-to-scan-requests";

    /** The sink that writes the delayed topic {@code topic}. */
    public static String delayedSinkName(String topic) {
        return "poll-flows-to-" + topic;
    }

    private PollerNames() {
    }
}
