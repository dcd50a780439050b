package io.sandboxpipeline.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes a future from OkHttp's callback thread: a 2xx body is parsed there (never on the caller's thread), any
 * failure becomes a {@link io.sandboxpipeline.client.SandboxException} passed to {@code completeExceptionally}.
 */
public final class ResponseCallback<T> implements Callback {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseCallback.class);

    private final Endpoint endpoint;
    private final CompletableFuture<T> future;
    private final Function<JsonNode, T> parser;
    private final NotFoundFallback<T> notFound;
    private final ErrorResponses errors;
    private final ObjectMapper mapper;
    private final long startNanos = System.nanoTime();

    /** What a 404 means for endpoints where it is not an error; {@code null} when it is one. */
    @FunctionalInterface
    public interface NotFoundFallback<T> {
        T value();
    }

    public ResponseCallback(Endpoint endpoint, CompletableFuture<T> future, Function<JsonNode, T> parser,
            NotFoundFallback<T> notFound, ErrorResponses errors, ObjectMapper mapper) {
        this.endpoint = endpoint;
        this.future = future;
        this.parser = parser;
        this.notFound = notFound;
        this.errors = errors;
        this.mapper = mapper;
    }

    @Override
    public void onFailure(Call call, IOException failure) {
        LOG.debug("{} failed after {} ms: {}", endpoint.label(), elapsedMillis(), failure.getClass().getSimpleName());
        future.completeExceptionally(errors.fromIoFailure(endpoint, failure));
    }

    @Override
    public void onResponse(Call call, Response response) {
        try (response) {
            LOG.debug("{} -> HTTP {} after {} ms", endpoint.label(), response.code(), elapsedMillis());
            if (response.isSuccessful()) {
                complete(response);
            } else if (response.code() == 404 && notFound != null) {
                future.complete(notFound.value());
            } else {
                String body = response.peekBody(ErrorResponses.MAX_ERROR_BODY_BYTES).string();
                future.completeExceptionally(
                        errors.fromStatus(endpoint, response.code(), response.header("Retry-After"), body));
            }
        } catch (IOException e) {
            future.completeExceptionally(errors.fromIoFailure(endpoint, e));
        } catch (RuntimeException e) {
            // A callback must always complete its future; an unexpected failure here means an answer we cannot use.
            future.completeExceptionally(errors.malformed(endpoint, response.code(), "unusable answer: " + e, e));
        }
    }

    private void complete(Response response) throws IOException {
        JsonNode root;
        ResponseBody body = response.body();
        try {
            root = mapper.readTree(body.byteStream());
        } catch (JsonProcessingException e) {
            // Jackson quotes the offending token, which could be anything the server sent back (even the key): keep
            // only the redacted description, not the exception itself.
            future.completeExceptionally(errors.malformed(endpoint, response.code(),
                    "body is not valid JSON (" + e.getOriginalMessage() + ")", null));
            return;
        }
        if (root == null || root.isMissingNode()) {
            future.completeExceptionally(errors.malformed(endpoint, response.code(), "body is empty", null));
            return;
        }
        try {
            future.complete(parser.apply(root));
        } catch (ResponseShapeException | IllegalArgumentException | NullPointerException e) {
            future.completeExceptionally(errors.malformed(endpoint, response.code(), e.getMessage(), e));
        }
    }

    private long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
