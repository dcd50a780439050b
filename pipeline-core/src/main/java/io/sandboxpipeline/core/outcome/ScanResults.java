package io.sandboxpipeline.core.outcome;

import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanResult;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A flow's result ({@link ScanResult}, on scan-results) and an event's outcome ({@link ScanOutcome}, on outcomes) have
 * the same fields by design: the poller decides a flow's outcome once, sends it as a result, and the submitter answers
 * each waiting event with it. These copy one into the other, field by field.
 */
public final class ScanResults {

    private ScanResults() {
    }

    /** The poller's result of a flow, from the outcome it decided for the flow's representative event. */
    public static ScanResult of(ScanOutcome outcome) {
        return copy(outcome, new ScanResult());
    }

    /** The outcome the result gives the representative event (the submitter sets each waiting event in turn). */
    public static ScanOutcome toOutcome(ScanResult result) {
        return copy(result, new ScanOutcome());
    }

    private static <T extends SpecificRecordBase> T copy(GenericRecord from, T to) {
        Schema schema = to.getSchema();
        for (Schema.Field field : schema.getFields()) {
            to.put(field.name(), from.get(field.name()));
        }
        return to;
    }
}
