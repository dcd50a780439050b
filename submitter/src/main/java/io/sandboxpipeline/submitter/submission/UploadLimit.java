package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.core.sandbox.SandboxApi;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sandbox's {@code maxUploadSize}, asked once ({@code GET /api/system/config}) without blocking. Until the answer
 * arrives uploads wait; if the Sandbox does not report it, the configured fallback applies.
 */
final class UploadLimit {

    private static final Logger LOG = LoggerFactory.getLogger(UploadLimit.class);

    private final CompletableFuture<Long> limit;

    UploadLimit(SandboxApi api, long fallbackBytes) {
        CompletableFuture<Long> answer;
        try {
            answer = api.systemConfig().thenApply(config -> config.maxUploadSizeBytes().orElse(fallbackBytes));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        this.limit = answer.exceptionally(error -> {
            LOG.warn("cannot read maxUploadSize from the Sandbox ({}); using the configured {} bytes", error.getMessage(), fallbackBytes);
            return fallbackBytes;
        });
    }

    boolean isKnown() {
        return limit.isDone();
    }

    long bytes() {
        return limit.join();
    }
}
