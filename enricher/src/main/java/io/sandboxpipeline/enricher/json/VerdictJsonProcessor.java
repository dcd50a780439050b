package io.sandboxpipeline.enricher.json;

import io.sandboxpipeline.schemas.EnrichedVerdict;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Mirrors each published verdict as JSON, same key (the event id), same timestamp, in the same transaction. */
public final class VerdictJsonProcessor implements Processor<String, EnrichedVerdict, String, String> {

    private final VerdictJson json = new VerdictJson();
    private ProcessorContext<String, String> context;

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, EnrichedVerdict> record) {
        if (record.value() != null) {
            context.forward(record.withValue(json.of(record.value())));
        }
    }
}
