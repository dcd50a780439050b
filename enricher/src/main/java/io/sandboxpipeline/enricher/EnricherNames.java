package io.sandboxpipeline.enricher;

/**
 * The enricher's names: its stage, its state stores, its processors and sinks, as the topology wires them and the
 * processor addresses them. A leaf: it imports nothing of the stage, so the processor need not know the topology.
 */
public final class EnricherNames {

    public static final String STAGE_NAME = "enricher";
    /** Verdicts waiting for their flow's extended report, by event id. */
    public static final String PENDING_ENRICHMENTS_STORE = "enricher-pending-enrichments";
    /** The events each flow's report will answer, and when its fetch is due: {@code flowId -> [dueMs, eventId...]}. */
    public static final String REPORT_WAITERS_STORE = "enricher-report-waiters";
    /** The flows whose report is to be fetched, by due time. */
    public static final String REPORT_QUEUE_STORE = "enricher-report-queue";

    public static final String OUTCOMES_SOURCE = "outcomes-source";
    public static final String ENRICH_VERDICTS = "enrich-verdicts";
    public static final String TO_VERDICTS = "enrich-verdicts-to-verdicts";
    public static final String VERDICTS_TO_JSON = "verdicts-to-json";
    public static final String TO_VERDICTS_JSON = "verdicts-to-json-to-verdicts-json";

    private EnricherNames() {
    }
}
