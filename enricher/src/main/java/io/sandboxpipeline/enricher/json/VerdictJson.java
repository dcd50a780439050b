package io.sandboxpipeline.enricher.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.io.UncheckedIOException;

/**
 * An enriched verdict as one strict JSON object, for SOC tools without Avro: the {@code EnrichedVerdict} fields under
 * their Avro names, enums as their symbols, instants as ISO-8601 text (see {@link AvroJson}).
 */
public final class VerdictJson {

    private final ObjectMapper mapper = new ObjectMapper();

    public String of(EnrichedVerdict verdict) {
        try {
            return mapper.writeValueAsString(AvroJson.record(verdict));
        } catch (JsonProcessingException e) {
            // a tree of plain nodes always serializes; this would be a bug
            throw new UncheckedIOException("cannot write verdict " + verdict.getEventId() + " as JSON", e);
        }
    }
}
