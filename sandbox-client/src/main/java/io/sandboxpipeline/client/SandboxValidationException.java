package io.sandboxpipeline.client;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** HTTP 422: the service rejected the request's fields; {@link #validationErrors()} says which. */
public final class SandboxValidationException extends SandboxException {

    private static final long serialVersionUID = 1L;

    private final List<ValidationError> errors;

    /**
     * @param endpoint method and template, e.g. {@code POST /api/scan/file}
     * @param errors the parsed {@code detail} entries (may be empty when the body was not FastAPI-shaped)
     * @param detail the raw {@code detail} when it was not a list, else null. Must not contain secrets.
     */
    public SandboxValidationException(String endpoint, List<ValidationError> errors, String detail) {
        super(ErrorKind.VALIDATION, 422, endpoint, summary(errors, detail),
                describe(endpoint, 422, ErrorKind.VALIDATION, summary(errors, detail), null), null);
        this.errors = List.copyOf(errors);
    }

    @Override
    public List<ValidationError> validationErrors() {
        return errors;
    }

    private static String summary(List<ValidationError> errors, String detail) {
        Objects.requireNonNull(errors, "errors must not be null (use an empty list)");
        if (errors.isEmpty()) {
            return detail;
        }
        return errors.stream().map(e -> e.location() + ": " + e.msg()).collect(Collectors.joining("; "));
    }
}
