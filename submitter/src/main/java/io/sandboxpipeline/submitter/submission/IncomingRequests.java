package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.schemas.HashWork;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.schemas.WorkPhase;
import io.sandboxpipeline.submitter.cache.VerdictCache;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan-requests input: a new event (from hashing) is answered from the cache, attached to work in flight, or
 * starts new work; a retry (from the poller, after a failed scan) uploads the content again.
 */
final class IncomingRequests {

    private static final Logger LOG = LoggerFactory.getLogger(IncomingRequests.class);

    private final ContentWork work;
    private final ReputationCheck decisions;
    private final boolean reputationCheck;
    private final PipelineMetrics metrics;

    IncomingRequests(ContentWork work, ReputationCheck decisions, boolean reputationCheck, PipelineMetrics metrics) {
        this.work = work;
        this.decisions = decisions;
        this.reputationCheck = reputationCheck;
        this.metrics = metrics;
    }

    void accept(ScanRequest request, Instant now) {
        if (ScanWork.isRetryAfterFailedScan(request)) {
            retryScan(request, now);
        } else {
            admit(request, now);
        }
    }

    /** A new event: answered from the cache, attached to work in flight, or the start of new work. */
    private void admit(ScanRequest request, Instant now) {
        String sha256 = request.getSha256();
        boolean hashOnly = decisions.hashOnly(request);
        boolean rescan = ScanWork.forcesRescan(request) && !hashOnly;
        if (!rescan) {
            var cached = work.cache().fresh(sha256, now);
            if (cached.isPresent()) {
                metrics.cacheHit();
                work.forwardOutcome(VerdictCache.answer(request, cached.get(), now));
                return;
            }
            metrics.cacheMiss();
        }
        HashWork existing = work.get(sha256);
        if (existing != null) {
            metrics.coalesced();
            work.attach(existing, request);
            return;
        }
        // a hash-only source is never uploaded: the reputation API is all it gets
        WorkPhase phase = (reputationCheck && !rescan) || hashOnly ? WorkPhase.REPUTATION : WorkPhase.UPLOAD;
        work.callNext(ScanWork.start(request, phase, now), phase);
    }

    /** The poller's request to scan again after a failed scan: the same work, uploaded again. */
    private void retryScan(ScanRequest request, Instant now) {
        String sha256 = request.getSha256();
        HashWork existing = work.get(sha256);
        // a new scan after a failed one: nothing of the last attempt's uploads is in doubt any more
        HashWork retry = existing == null
                ? ScanWork.start(request, WorkPhase.UPLOAD, now)
                : HashWork.newBuilder(existing).setPhase(WorkPhase.UPLOAD).setRepresentative(request).setFlowId(null)
                        .setUploadSentAt(null).setAnswerLostSince(null).build();
        work.marks().forget(sha256);
        LOG.info("sha256 {}: scanning again (attempt {}) after failed flow(s) {}; {} event(s) waiting", sha256,
                request.getAttempt(), request.getPreviousFlowIds(), retry.getWaiting().size());
        work.callNext(retry, WorkPhase.UPLOAD);
    }
}
