package io.sandboxpipeline.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.client.ApiKey;
import io.sandboxpipeline.client.ErrorKind;
import io.sandboxpipeline.client.SandboxException;
import io.sandboxpipeline.client.SandboxHttpException;
import io.sandboxpipeline.client.SandboxMalformedResponseException;
import io.sandboxpipeline.client.SandboxRateLimitedException;
import io.sandboxpipeline.client.SandboxTransportException;
import io.sandboxpipeline.client.SandboxValidationException;
import io.sandboxpipeline.client.ValidationError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns failed exchanges into {@link SandboxException}s. Every text that comes from the service passes through
 * {@link #redact(String)}, so a server that echoes the key (e.g. "invalid key abc...") cannot leak it into messages.
 */
public final class ErrorResponses {

    /** Error bodies are read up to this size; {@code detail} is cut much shorter anyway. */
    static final long MAX_ERROR_BODY_BYTES = 64 * 1024;

    /** Keys shorter than this are test placeholders; redacting them would shred every message. */
    static final int MIN_REDACTED_KEY_LENGTH = 6;

    private final ApiKey apiKey;
    private final Clock clock;
    private final ObjectMapper mapper;

    public ErrorResponses(ApiKey apiKey, Clock clock, ObjectMapper mapper) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** Maps a non-2xx answer by status: 401, 403, 404, 408, 413, 422, 429, other 4xx, 5xx (JSON or plain text). */
    public SandboxException fromStatus(Endpoint endpoint, int status, String retryAfterHeader, String body) {
        String label = endpoint.label();
        JsonNode detailNode = detailNode(body);
        String detail = detailText(detailNode, body);
        return switch (status) {
            case 401 -> new SandboxHttpException(ErrorKind.UNAUTHORIZED, status, label, detail);
            // one request refused, not the key: the stage goes on with the others
            case 403 -> new SandboxHttpException(ErrorKind.FORBIDDEN, status, label, detail);
            case 404 -> new SandboxHttpException(ErrorKind.NOT_FOUND, status, label, detail);
            case 408 -> new SandboxHttpException(ErrorKind.TIMEOUT, status, label, detail);
            case 413 -> new SandboxHttpException(ErrorKind.PAYLOAD_TOO_LARGE, status, label, detail);
            case 422 -> new SandboxValidationException(label, validationErrors(detailNode),
                    detailNode != null && detailNode.isArray() ? null : detail);
            case 429 -> new SandboxRateLimitedException(label, RetryAfter.parse(retryAfterHeader, clock), detail);
            default -> new SandboxHttpException(
                    status >= 500 && status <= 599 ? ErrorKind.SERVER_ERROR : ErrorKind.BAD_REQUEST,
                    status >= 100 && status <= 599 ? status : 500, label, detail);
        };
    }

    /** Maps an I/O failure: timeouts to TIMEOUT, an unreadable upload source and everything else to CONNECTION. */
    public SandboxException fromIoFailure(Endpoint endpoint, IOException failure) {
        UploadContentException source = uploadSourceFailure(failure);
        if (source != null) {
            return new SandboxTransportException(ErrorKind.CONNECTION, endpoint.label(),
                    redact(source.getMessage()), failure);
        }
        if (failure instanceof InterruptedIOException) {
            return new SandboxTransportException(ErrorKind.TIMEOUT, endpoint.label(),
                    "timed out (" + redact(String.valueOf(failure.getMessage())) + ")", failure);
        }
        String problem = "Canceled".equalsIgnoreCase(failure.getMessage())
                ? "call cancelled (client closed or future cancelled)"
                : failure.getClass().getSimpleName() + ": " + redact(String.valueOf(failure.getMessage()));
        return new SandboxTransportException(ErrorKind.CONNECTION, endpoint.label(), problem, failure);
    }

    public SandboxException malformed(Endpoint endpoint, int status, String problem, Throwable cause) {
        return new SandboxMalformedResponseException(status, endpoint.label(), redact(problem), cause);
    }

    /** Replaces the API key wherever it occurs in a text that came from the service. */
    public String redact(String text) {
        String key = apiKey.reveal();
        if (text == null || key.length() < MIN_REDACTED_KEY_LENGTH) {
            return text;
        }
        return text.replace(key, "***");
    }

    private JsonNode detailNode(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode root = mapper.readTree(body);
            return root != null && root.isObject() ? root.get("detail") : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    // {"detail": "text"} keeps the text; {"detail": {...}} or [...] keeps its compact JSON; a non-JSON body (Starlette's
    // plain "Internal Server Error", a proxy's HTML page) is kept as text.
    private String detailText(JsonNode detailNode, String body) {
        String detail;
        if (detailNode == null || detailNode.isNull()) {
            detail = body == null || body.isBlank() ? null : body;
        } else if (detailNode.isTextual()) {
            detail = detailNode.textValue();
        } else {
            detail = detailNode.toString();
        }
        return SandboxTextLimits.cut(redact(detail));
    }

    private List<ValidationError> validationErrors(JsonNode detailNode) {
        List<ValidationError> errors = new ArrayList<>();
        if (detailNode == null || !detailNode.isArray()) {
            return errors;
        }
        for (JsonNode item : detailNode) {
            if (!item.isObject()) {
                continue;
            }
            List<String> loc = new ArrayList<>();
            for (JsonNode part : JsonFields.array(item, "loc")) {
                loc.add(redact(part.asText()));
            }
            errors.add(new ValidationError(loc,
                    SandboxTextLimits.cut(redact(JsonFields.text(item, "msg").orElse(""))),
                    JsonFields.text(item, "type").orElse("")));
        }
        return errors;
    }

    private static UploadContentException uploadSourceFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UploadContentException upload) {
                return upload;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof UploadContentException upload) {
                    return upload;
                }
            }
        }
        return null;
    }
}
