package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.core.async.CallResult;
import io.sandboxpipeline.core.async.MeteredCalls;
import io.sandboxpipeline.core.async.Retries;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.outcome.Outcomes;
import io.sandboxpipeline.core.quota.Lane;
import io.sandboxpipeline.core.quota.SandboxEndpoint;
import io.sandboxpipeline.core.sandbox.SandboxUnauthorized;
import io.sandboxpipeline.schemas.HashWork;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanFlow;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.schemas.WorkPhase;
import io.sandboxpipeline.submitter.SubmitterNames;
import io.sandboxpipeline.submitter.policy.SourcePolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload half of the submission's call loop: uploads start from the head of the upload queues (live first) while
 * the quota and the task's capacity allow; each is marked as sent, and the mark committed, before it goes out (so a
 * crash leaves a trace the next instance searches for); its answer starts the scan, ends the work, or schedules a
 * retry.
 */
final class UploadCalls {

    private static final Logger LOG = LoggerFactory.getLogger(UploadCalls.class);
    /** How often the flow of a lost upload is searched for while it may still be scanning. */
    static final Duration LOST_FLOW_SEARCH_INTERVAL = Duration.ofSeconds(5);

    private final ProcessorContext<String, SpecificRecord> context;
    private final ContentWork work;
    private final MeteredCalls<String, UploadResult> uploads;
    private final Uploader uploader;
    private final UploadLimit uploadLimit;
    private final UploadMarks marks;
    private final Retries<String> uploadRetries;
    private final SourcePolicies policies;
    private final PipelineMetrics metrics;
    private final boolean findLostUploads;
    private final int maxInFlight;
    private final Duration retryDeadline;

    UploadCalls(ProcessorContext<String, SpecificRecord> context, ContentWork work, Uploader uploader,
                UploadLimit uploadLimit, UploadMarks marks, Retries<String> uploadRetries,
                SubmitScansProcessor.Dependencies deps) {
        this.context = context;
        this.work = work;
        this.uploader = uploader;
        this.uploadLimit = uploadLimit;
        this.marks = marks;
        this.uploadRetries = uploadRetries;
        this.policies = deps.policies();
        this.metrics = deps.metrics();
        this.findLostUploads = deps.findLostUploads();
        this.maxInFlight = deps.maxInFlightUploads();
        this.retryDeadline = deps.retryDeadline();
        this.uploads = new MeteredCalls<>(maxInFlight, deps.limiter(), SandboxEndpoint.UPLOAD, context.taskId().toString());
    }

    /** Whether uploads may start at all: the Sandbox's upload limit is known (or its fallback applies). */
    boolean ready() {
        return uploadLimit.isKnown();
    }

    void drain(long nowMs) {
        uploads.drain(nowMs, (sha256, result) -> complete(sha256, result, nowMs));
    }

    /** Returns whether an upload was marked (and a commit is needed before it may go out). */
    boolean dispatch(Lane lane, long nowMs) {
        boolean marked = false;
        try (KeyValueIterator<Bytes, String> due = work.calls().due(WorkPhase.UPLOAD, lane, nowMs)) {
            while (due.hasNext() && uploads.hasCapacity()) {
                String sha256 = due.next().value;
                if (uploads.isInFlight(sha256)) {
                    continue;
                }
                HashWork current = work.get(sha256);
                if (current == null) {
                    work.noCallPending(sha256); // a stray entry (store iterators allow changes while they are open)
                } else if (!findLostUploads) {
                    if (!uploads.dispatch(sha256, lane, nowMs, () -> uploader.upload(current.getRepresentative(),
                            uploadLimit.bytes(), Optional.empty(), UploadToken.next()))) {
                        return marked;
                    }
                } else if (marks.isCommitted(sha256)) {
                    if (!sendUpload(current, lane, nowMs)) {
                        return marked;
                    }
                } else if (!marks.isMarked(sha256)) {
                    if (marks.count() >= markLimit(lane)) {
                        return marked;
                    }
                    work.put(marks.mark(current, Instant.ofEpochMilli(nowMs), UploadToken.next()));
                    marked = true;
                }
            }
        }
        return marked;
    }

    /**
     * How many uploads may be marked (sent or about to be) at once: replay leaves one mark to live work, so a live
     * upload never waits for a replayed one to finish before it can even be marked.
     */
    private int markLimit(Lane lane) {
        return lane == Lane.LIVE ? maxInFlight : Math.max(1, maxInFlight - 1);
    }

    /** An upload whose mark is committed: preceded by a search for its flow when an earlier answer may be lost. */
    private boolean sendUpload(HashWork current, Lane lane, long nowMs) {
        ScanRequest representative = current.getRepresentative();
        String token = UploadMarks.currentToken(current);
        // the markers of the earlier uploads (this one's marker cannot be found yet: it has not been sent)
        List<String> earlier = current.getUploadTokens().stream().filter(t -> !t.equals(token)).toList();
        Optional<LostUpload> lost = Optional.ofNullable(current.getAnswerLostSince())
                .map(since -> new LostUpload(current.getSha256(), since, Instant.ofEpochMilli(nowMs), earlier,
                        representative.getPreviousFlowIds()));
        return uploads.dispatch(current.getSha256(), lane, nowMs,
                () -> uploader.upload(representative, uploadLimit.bytes(), lost, token));
    }

    private void complete(String sha256, CallResult<UploadResult> result, long nowMs) {
        HashWork current = work.get(sha256);
        if (current == null || current.getPhase() != WorkPhase.UPLOAD) {
            return;
        }
        if (result instanceof CallResult.Failure<UploadResult> failure) {
            SandboxUnauthorized.stopIfRejectedKey(SubmitterNames.STAGE_NAME, failure.sandboxError());
            if (findLostUploads) {
                current = marks.answered(current, UploadStep.answerMayBeLost(failure));
                work.put(current);
            }
        }
        if (result instanceof CallResult.Success<UploadResult> success && success.value() instanceof UploadResult.NotListedYet) {
            // expected while a lost upload is still scanning: nothing was sent, search again at a steady pace
            // the marker of the upload that was not sent is dropped; the mark itself too
            work.put(marks.answered(current, false));
            uploadRetries.waitFor(sha256, nowMs, LOST_FLOW_SEARCH_INTERVAL);
            work.callNotBefore(sha256, uploadRetries.notBeforeMs(sha256));
            return;
        }
        Instant now = Instant.ofEpochMilli(nowMs);
        UploadStep step = UploadStep.of(current.getRepresentative(), result, now);
        if (step instanceof UploadStep.Scan scan) {
            if (scan.adopted()) {
                metrics.lostUploadFound();
                LOG.info("sha256 {}: found flow {} of an upload whose answer was lost; not uploading again", sha256, scan.flowId());
            }
            startScan(current, scan.flowId(), now);
        } else if (step instanceof UploadStep.End end) {
            work.finish(sha256, current.getWaiting(), end.outcome());
        } else {
            UploadStep.Retry retry = (UploadStep.Retry) step;
            retryUpload(current, retry.reason(), retry.retryAfter(), nowMs);
        }
    }

    private void retryUpload(HashWork current, String reason, Optional<Duration> retryAfter, long nowMs) {
        int failures = uploadRetries.recordFailure(current.getSha256(), nowMs, retryAfter);
        long failingFor = uploadRetries.failingForMs(current.getSha256(), nowMs);
        if (failingFor >= retryDeadline.toMillis()) {
            work.finish(current.getSha256(), current.getWaiting(), Outcomes.ofRequest(current.getRepresentative(), OutcomeStatus.FAILED,
                    "upload failed for " + Duration.ofMillis(failingFor).toSeconds() + " s (" + failures + " attempts): " + reason,
                    Instant.ofEpochMilli(nowMs)));
        } else {
            metrics.retry(SandboxEndpoint.UPLOAD);
            work.callNotBefore(current.getSha256(), uploadRetries.notBeforeMs(current.getSha256()));
            LOG.info("sha256 {}: upload attempt {} failed ({}), retrying", current.getSha256(), failures, reason);
        }
    }

    private void startScan(HashWork current, String flowId, Instant now) {
        marks.forget(current.getSha256());
        ScanRequest request = current.getRepresentative();
        ScanRequest submitted = ScanRequest.newBuilder(request)
                .setFirstSubmittedAt(request.getFirstSubmittedAt() == null ? now : request.getFirstSubmittedAt())
                .build();
        work.put(HashWork.newBuilder(current).setPhase(WorkPhase.SCANNING).setFlowId(flowId)
                .setRepresentative(submitted).setUploadSentAt(null).setAnswerLostSince(null).setUploadTokens(List.of()).build());
        work.noCallPending(current.getSha256());
        uploadRetries.forget(current.getSha256());
        // due and deadline times are the poller's policy: it sets them when it first sees the flow
        ScanFlow flow = ScanFlow.newBuilder()
                .setRequest(submitted).setFlowId(flowId).setSubmittedAt(now).setDueAt(now).setPollCount(0)
                .setLastPolledAt(null).setLastPollPauseSeconds(null).setDeadlineAt(now)
                .setScannedByUrl(policies.forUri(request.getEvent().getUri()).byUrl())
                .build();
        LOG.info("sha256 {} submitted as flow {} (attempt {}, {} event(s) waiting)", current.getSha256(), flowId,
                request.getAttempt(), current.getWaiting().size());
        context.forward(new Record<>(flowId, (SpecificRecord) flow, now.toEpochMilli()), SubmitterNames.TO_SCAN_FLOWS);
        // a crash before the next commit would upload this file again: ask for the commit now
        context.commit();
    }

    void close() {
        uploads.close();
    }
}
