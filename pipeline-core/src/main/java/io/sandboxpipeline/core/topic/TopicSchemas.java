package io.sandboxpipeline.core.topic;

import io.sandboxpipeline.schemas.CachedVerdict;
import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.IocFeedEntry;
import io.sandboxpipeline.schemas.ScanFlow;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.schemas.ScanResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * The value schema of every Avro topic, as the pipeline's serdes register it: subject {@code <topic>-value} (Confluent's
 * TopicNameStrategy), the record's whole schema with every named type it uses defined inside it, so a client in any
 * language can load it alone. The JSON mirror ({@link TopicNames#verdictsJson()}) is plain JSON text and has none.
 */
public final class TopicSchemas {

    /** One topic's value schema. */
    public record TopicSchema(String topic, Schema schema) {

        public TopicSchema {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(schema, "schema");
        }

        /** The registry subject the pipeline registers the schema under. */
        public String subject() {
            return topic + "-value";
        }

        /** The schema as a self-contained {@code .avsc} document (pretty JSON). */
        public String avsc() {
            return schema.toString(true) + System.lineSeparator();
        }
    }

    private TopicSchemas() {
    }

    /** Every Avro topic under these names, in flow order. */
    public static List<TopicSchema> of(TopicNames names) {
        List<TopicSchema> schemas = new ArrayList<>();
        schemas.add(new TopicSchema(names.fileArrivals(), FileArrival.getClassSchema()));
        schemas.add(new TopicSchema(names.scanRequests(), ScanRequest.getClassSchema()));
        schemas.add(new TopicSchema(names.scanFlows(), ScanFlow.getClassSchema()));
        names.pollsDelayed().forEach(delayed -> schemas.add(new TopicSchema(delayed, ScanFlow.getClassSchema())));
        schemas.add(new TopicSchema(names.scanResults(), ScanResult.getClassSchema()));
        schemas.add(new TopicSchema(names.outcomes(), ScanOutcome.getClassSchema()));
        schemas.add(new TopicSchema(names.verdicts(), EnrichedVerdict.getClassSchema()));
        schemas.add(new TopicSchema(names.deadLetters(), DeadLetter.getClassSchema()));
        schemas.add(new TopicSchema(names.verdictCache(), CachedVerdict.getClassSchema()));
        schemas.add(new TopicSchema(names.iocFeed(), IocFeedEntry.getClassSchema()));
        return schemas;
    }
}
