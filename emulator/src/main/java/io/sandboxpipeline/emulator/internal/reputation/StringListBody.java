package io.sandboxpipeline.emulator.internal.reputation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sandboxpipeline.emulator.internal.http.ApiRequest;
import io.sandboxpipeline.emulator.internal.http.ApiResponse;
import io.sandboxpipeline.emulator.internal.http.FormBodies;
import io.sandboxpipeline.emulator.internal.http.ValidationErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON array of strings as request body (bulk reputation), validated the way FastAPI does: anything else is a
 * 422 with pydantic's error types ({@code missing}, {@code json_invalid}, {@code list_type}, {@code string_type}).
 */
record StringListBody(List<String> values, Optional<ApiResponse> rejection) {

    /** Bulk lookups accept at most this many values (the Sandbox's own limit is not documented). */
    static final int MAX_VALUES = 10_000;
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    static StringListBody read(ApiRequest request, ObjectMapper mapper) throws IOException {
        byte[] body = FormBodies.readLimited(request.body(), MAX_BODY_BYTES).toByteArray();
        if (body.length == 0) {
            return rejected(new ValidationErrors().missing("body"));
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            ValidationErrors errors = new ValidationErrors()
                    .add("JSON decode error", "json_invalid", JsonNodeFactory.instance.objectNode(), "body", 0);
            return rejected(errors);
        }
        if (json == null || !json.isArray()) {
            return rejected(new ValidationErrors().add("Input should be a valid list", "list_type", json, "body"));
        }
        ValidationErrors errors = new ValidationErrors();
        List<String> values = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            JsonNode item = json.get(i);
            if (item.isTextual()) {
                values.add(item.asText());
            } else {
                errors.add("Input should be a valid string", "string_type", item, "body", i);
            }
        }
        if (!errors.isEmpty()) {
            return rejected(errors);
        }
        if (values.size() > MAX_VALUES) {
            return new StringListBody(List.of(), Optional.of(ApiResponse.detail(400,
                    "Too many values: at most " + MAX_VALUES + " per request, got " + values.size())));
        }
        return new StringListBody(values, Optional.empty());
    }

    private static StringListBody rejected(ValidationErrors errors) {
        return new StringListBody(List.of(), Optional.of(errors.toResponse()));
    }
}
