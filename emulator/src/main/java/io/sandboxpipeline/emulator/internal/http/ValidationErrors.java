package io.sandboxpipeline.emulator.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects FastAPI/pydantic validation errors and renders them as the Sandbox's 422 {@code HTTPValidationError}:
 * {@code {"detail":[{"loc":["body","file"],"msg":"Field required","type":"missing","input":null}]}}.
 */
public final class ValidationErrors {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<ObjectNode> errors = new ArrayList<>();

    /** A required field that was not sent: {@code missing("body", "file")}. */
    public ValidationErrors missing(Object... loc) {
        return add("Field required", "missing", NODES.nullNode(), loc);
    }

    /** A form value pydantic cannot read as a boolean. */
    public ValidationErrors notBoolean(String input, Object... loc) {
        return add("Input should be a valid boolean, unable to interpret input", "bool_parsing",
                NODES.textNode(input), loc);
    }

    /** A value outside an enum, e.g. {@code ioc_type}. */
    public ValidationErrors notInEnum(String expected, String input, Object... loc) {
        ObjectNode error = error("Input should be " + expected, "enum", NODES.textNode(input), loc);
        error.putObject("ctx").put("expected", expected);
        errors.add(error);
        return this;
    }

    public ValidationErrors add(String msg, String type, JsonNode input, Object... loc) {
        errors.add(error(msg, type, input, loc));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public ApiResponse toResponse() {
        ObjectNode body = NODES.objectNode();
        ArrayNode detail = body.putArray("detail");
        errors.forEach(detail::add);
        return ApiResponse.json(422, body);
    }

    private static ObjectNode error(String msg, String type, JsonNode input, Object... loc) {
        ObjectNode error = NODES.objectNode();
        ArrayNode location = error.putArray("loc");
        for (Object part : loc) {
            if (part instanceof Integer index) {
                location.add(index);
            } else {
                location.add(String.valueOf(part));
            }
        }
        error.put("msg", msg);
        error.put("type", type);
        error.set("input", input);
        return error;
    }
}
