package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.schemas.HashWork;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.WorkPhase;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan-results input: a flow's terminal result from the poller answers every event waiting for the content, and
 * its verdict is cached (never a URL scan's: that verdict is about what the URL served, not about these bytes).
 */
final class FlowResults {

    private static final Logger LOG = LoggerFactory.getLogger(FlowResults.class);

    private final ContentWork work;
    private final PipelineMetrics metrics;

    FlowResults(ContentWork work, PipelineMetrics metrics) {
        this.work = work;
        this.metrics = metrics;
    }

    void accept(ScanOutcome result, Instant now) {
        String sha256 = result.getSha256();
        HashWork current = sha256 == null ? null : work.get(sha256);
        if (current == null || current.getPhase() != WorkPhase.SCANNING
                || (current.getFlowId() != null && !current.getFlowId().equals(result.getFlowId()))) {
            // already answered, or superseded by a newer flow of the same content (whose own result will answer)
            LOG.warn("result of flow {} for sha256 {} matches no work in progress; ignored", result.getFlowId(), sha256);
            metrics.orphanResult();
            return;
        }
        LOG.info("sha256 {}: flow {} ended {}; answering {} event(s)", sha256, result.getFlowId(), result.getStatus(),
                current.getWaiting().size());
        if (!result.getScannedByUrl()) {
            work.cache().remember(result, now).ifPresent(work::publishCacheEntry);
        }
        work.finish(sha256, current.getWaiting(), result);
    }
}
