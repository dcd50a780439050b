package io.sandboxpipeline.enricher.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Turns a record of our Avro contracts into strict JSON by walking its schema, so every field appears under its Avro
 * name (a field added to a schema later appears without code changes): records as objects, enums as their symbol,
 * {@code timestamp-millis} as ISO-8601 instants, absent optional fields as {@code null}, bytes as base64. A double that
 * is not finite becomes {@code null}: strict JSON has no NaN or Infinity.
 */
final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    static ObjectNode record(IndexedRecord record) {
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            node.set(field.name(), value(field.schema(), record.get(field.pos())));
        }
        return node;
    }

    private static JsonNode value(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (schema.getType()) {
            case UNION -> value(branch(schema, value), value);
            case RECORD -> record((IndexedRecord) value);
            case ARRAY -> array(schema.getElementType(), (List<?>) value);
            case MAP -> map(schema.getValueType(), (Map<?, ?>) value);
            case ENUM, STRING -> NODES.textNode(value.toString());
            case INT -> NODES.numberNode(((Number) value).intValue());
            case LONG -> value instanceof Instant instant ? NODES.textNode(instant.toString()) : NODES.numberNode(((Number) value).longValue());
            case FLOAT, DOUBLE -> finite(((Number) value).doubleValue());
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case BYTES -> NODES.textNode(base64((ByteBuffer) value));
            case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
            case NULL -> NODES.nullNode();
        };
    }

    /** The branch of a union the value belongs to; our unions are null-first with one other branch. */
    private static Schema branch(Schema union, Object value) {
        List<Schema> nonNull = union.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
        return nonNull.size() == 1 ? nonNull.get(0) : union.getTypes().get(SpecificData.get().resolveUnion(union, value));
    }

    private static ArrayNode array(Schema items, List<?> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(item -> array.add(value(items, item)));
        return array;
    }

    private static ObjectNode map(Schema values, Map<?, ?> entries) {
        ObjectNode object = NODES.objectNode();
        // sorted, so equal maps give byte-identical JSON
        entries.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
                .forEach(entry -> object.set(entry.getKey().toString(), value(values, entry.getValue())));
        return object;
    }

    private static JsonNode finite(double number) {
        return Double.isFinite(number) ? NODES.numberNode(number) : NODES.nullNode();
    }

    private static String base64(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
