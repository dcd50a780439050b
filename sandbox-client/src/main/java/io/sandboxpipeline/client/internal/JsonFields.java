package io.sandboxpipeline.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Tolerant reads from a Jackson tree: absent, {@code null} and wrongly typed values read as empty, numbers and booleans
 * sent as strings are accepted, and unknown fields are simply never looked at.
 */
final class JsonFields {

    private JsonFields() {
    }

    static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        return node != null && node.isObject() ? node : MissingNode.getInstance();
    }

    static List<JsonNode> array(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        List<JsonNode> elements = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(elements::add);
        }
        return elements;
    }

    static Optional<String> text(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || !node.isValueNode() || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    static Optional<String> firstText(JsonNode parent, String... fields) {
        for (String field : fields) {
            Optional<String> value = text(parent, field);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    static Optional<Boolean> bool(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        if (node.isTextual() && (node.textValue().equalsIgnoreCase("true") || node.textValue().equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(node.textValue()));
        }
        return Optional.empty();
    }

    static OptionalDouble number(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null) {
            return OptionalDouble.empty();
        }
        if (node.isNumber()) {
            return OptionalDouble.of(node.doubleValue());
        }
        if (node.isTextual()) {
            try {
                double value = Double.parseDouble(node.textValue().strip());
                return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    static OptionalLong longValue(JsonNode parent, String field) {
        OptionalDouble value = number(parent, field);
        if (value.isEmpty() || value.getAsDouble() != Math.rint(value.getAsDouble())
                || Math.abs(value.getAsDouble()) > 9.0e15) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) value.getAsDouble());
    }

    static OptionalInt intValue(JsonNode parent, String field) {
        OptionalLong value = longValue(parent, field);
        if (value.isEmpty() || value.getAsLong() > Integer.MAX_VALUE || value.getAsLong() < Integer.MIN_VALUE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) value.getAsLong());
    }

    static List<String> strings(JsonNode parent, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode element : array(parent, field)) {
            if (element.isValueNode() && !element.isNull()) {
                values.add(element.asText());
            }
        }
        return values;
    }

    /** A verdict field that is either a string or an object {@code {"verdict": "..."}}. */
    static Optional<String> verdictText(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isObject()) {
            return text(node, "verdict");
        }
        return text(parent, field);
    }
}
