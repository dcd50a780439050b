package io.sandboxpipeline.client;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a 422 answer's {@code detail} array (FastAPI/pydantic): where ({@code loc}, e.g. {@code [body, file]}),
 * what ({@code msg}) and the error type (e.g. {@code missing}). The echoed {@code input} is not kept.
 */
public record ValidationError(List<String> loc, String msg, String type) {

    public ValidationError {
        loc = List.copyOf(Objects.requireNonNull(loc, "loc must not be null (use an empty list)"));
        Objects.requireNonNull(msg, "msg must not be null");
        Objects.requireNonNull(type, "type must not be null");
    }

    /** {@code loc} joined with dots, e.g. {@code body.file}. */
    public String location() {
        return String.join(".", loc);
    }
}
