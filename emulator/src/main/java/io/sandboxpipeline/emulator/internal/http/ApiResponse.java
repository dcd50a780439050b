package io.sandboxpipeline.emulator.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response to send: either a JSON tree (serialised by the dispatcher, which may also corrupt it on purpose) or a
 * raw body with its content type.
 */
public record ApiResponse(int status, JsonNode json, byte[] rawBody, String contentType, Map<String, String> headers) {

    public static final String JSON = "application/json";

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, body, null, JSON, Map.of());
    }

    /** The Sandbox's {@code ErrorMessageModel}: {@code {"detail": "..."}}. */
    public static ApiResponse detail(int status, String detail) {
        return json(status, JsonNodeFactory.instance.objectNode().put("detail", detail));
    }

    public static ApiResponse text(int status, String contentType, String body) {
        return new ApiResponse(status, null, body.getBytes(StandardCharsets.UTF_8), contentType, Map.of());
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, json, rawBody, contentType, more);
    }

    public boolean isJson() {
        return json != null;
    }
}
