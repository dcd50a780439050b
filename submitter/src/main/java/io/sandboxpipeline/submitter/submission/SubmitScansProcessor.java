package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.client.HashReputation;
import io.sandboxpipeline.client.SandboxException;
import io.sandboxpipeline.client.ScanOptions;
import io.sandboxpipeline.core.async.Backoff;
import io.sandboxpipeline.core.async.CallLoop;
import io.sandboxpipeline.core.async.CallResult;
import io.sandboxpipeline.core.async.MeteredCalls;
import io.sandboxpipeline.core.async.Retries;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.outcome.Outcomes;
import io.sandboxpipeline.core.quota.Lane;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.quota.SandboxEndpoint;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.sandbox.SandboxUnauthorized;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.schemas.CachedVerdict;
import io.sandboxpipeline.schemas.HashWork;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanFlow;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.schemas.WorkPhase;
import io.sandboxpipeline.submitter.SubmitterNames;
import io.sandboxpipeline.submitter.cache.CachePolicy;
import io.sandboxpipeline.submitter.cache.VerdictCache;
import io.sandboxpipeline.submitter.policy.SourcePolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sha256-keyed heart of the submitter: one piece of work per content, however many events name it. An event for
 * a content with a fresh cached verdict is answered at once ({@code decidedBy: CACHE}); an event for a content already
 * being looked up, uploaded or scanned attaches to that work; otherwise the work starts with the reputation check the
 * Workflow Guide begins with ({@code malicious}/{@code likely_malicious} decide without an upload), then one upload.
 * The poller sends each flow's result back here (scan-results), and every attached event gets its outcome. Work lives
 * in changelogged stores; a wall-clock punctuator dispatches bounded async calls, so no stream thread waits on HTTP.
 */
public final class SubmitScansProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(SubmitScansProcessor.class);
    private static final int MAX_REPUTATION_ATTEMPTS = 3;
    /** How often the flow of a lost upload is searched for while it may still be scanning. */
    static final Duration LOST_FLOW_SEARCH_INTERVAL = Duration.ofSeconds(5);

    /** What the processor needs from outside, wired by the topology. */
    public record Dependencies(SandboxApi api, FileSources sources, Executor ioExecutor, ScanOptions scanOptions,
                               boolean reputationCheck, long fallbackMaxUploadSize, int maxInFlightLookups,
                               int maxInFlightUploads, Duration retryDeadline, Backoff backoff, Duration interval,
                               CachePolicy cachePolicy, QuotaLimiter limiter, SourcePolicies policies,
                               PipelineMetrics metrics, boolean findLostUploads, Duration lostUploadPatience) {
    }

    private final Dependencies deps;
    private MeteredCalls<String, HashReputation> lookups;
    private MeteredCalls<String, UploadResult> uploads;
    private final Retries<String> lookupRetries;
    private final Retries<String> uploadRetries;
    private final Uploader uploader;
    private final UploadMarks marks = new UploadMarks();
    private final ReputationCheck decisions;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, HashWork> work;
    private KeyValueStore<String, String> pendingCalls;
    private VerdictCache cache;
    private UploadLimit uploadLimit;
    private CallLoop loop;

    public SubmitScansProcessor(Dependencies deps) {
        this.deps = deps;
        this.lookupRetries = new Retries<>(deps.backoff());
        this.uploadRetries = new Retries<>(deps.backoff());
        this.uploader = new Uploader(deps.api(), deps.sources(), deps.ioExecutor(), deps.scanOptions(), deps.policies(),
                deps.lostUploadPatience());
        this.decisions = new ReputationCheck(deps.policies());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        String taskId = context.taskId().toString();
        this.lookups = new MeteredCalls<>(deps.maxInFlightLookups(), deps.limiter(), SandboxEndpoint.REPUTATION, taskId);
        this.uploads = new MeteredCalls<>(deps.maxInFlightUploads(), deps.limiter(), SandboxEndpoint.UPLOAD, taskId);
        this.work = context.getStateStore(SubmitterNames.HASH_WORK_STORE);
        this.pendingCalls = context.getStateStore(SubmitterNames.PENDING_CALLS_STORE);
        this.cache = new VerdictCache(context.getStateStore(SubmitterNames.VERDICT_CACHE_STORE), deps.cachePolicy());
        this.uploadLimit = new UploadLimit(deps.api(), deps.fallbackMaxUploadSize());
        this.loop = CallLoop.custom(context, deps.interval(), this::punctuate);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (record.value() instanceof ScanRequest request) {
            if (request.getAttempt() > 1) {
                retryScan(request, now);
            } else {
                admit(request, now);
            }
        } else if (record.value() instanceof ScanOutcome result) {
            answerWaiting(result, now);
        }
    }

    /** A new event: answered from the cache, attached to work in flight, or the start of new work. */
    private void admit(ScanRequest request, Instant now) {
        String sha256 = request.getSha256();
        boolean hashOnly = decisions.hashOnly(request);
        boolean rescan = ScanWork.forcesRescan(request) && !hashOnly;
        if (!rescan) {
            var cached = cache.fresh(sha256, now);
            if (cached.isPresent()) {
                deps.metrics().cacheHit();
                forwardOutcome(VerdictCache.answer(request, cached.get(), now));
                return;
            }
            deps.metrics().cacheMiss();
        }
        HashWork existing = work.get(sha256);
        if (existing != null) {
            deps.metrics().coalesced();
            work.put(sha256, ScanWork.attach(existing, request));
            return;
        }
        // a hash-only source is never uploaded: the reputation API is all it gets
        WorkPhase phase = (deps.reputationCheck() && !rescan) || hashOnly ? WorkPhase.REPUTATION : WorkPhase.UPLOAD;
        work.put(sha256, ScanWork.start(request, phase, now));
        pendingCalls.put(sha256, phase.name());
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
        marks.forget(sha256);
        LOG.info("sha256 {}: scanning again (attempt {}) after failed flow(s) {}; {} event(s) waiting", sha256,
                request.getAttempt(), request.getPreviousFlowIds(), retry.getWaiting().size());
        work.put(sha256, retry);
        pendingCalls.put(sha256, WorkPhase.UPLOAD.name());
    }

    /** A flow's terminal result from the poller: every event waiting for this content gets it. */
    private void answerWaiting(ScanOutcome result, Instant now) {
        String sha256 = result.getSha256();
        HashWork current = sha256 == null ? null : work.get(sha256);
        if (current == null || current.getPhase() != WorkPhase.SCANNING
                || (current.getFlowId() != null && !current.getFlowId().equals(result.getFlowId()))) {
            // already answered, or superseded by a newer flow of the same content (whose own result will answer)
            LOG.warn("result of flow {} for sha256 {} matches no work in progress; ignored", result.getFlowId(), sha256);
            deps.metrics().orphanResult();
            return;
        }
        LOG.info("sha256 {}: flow {} ended {}; answering {} event(s)", sha256, result.getFlowId(), result.getStatus(),
                current.getWaiting().size());
        if (!result.getScannedByUrl()) {
            // a URL scan's verdict is about what the URL served, not about these bytes: never cached under their hash
            cache.remember(result, now).ifPresent(this::publishCacheEntry);
        }
        finish(sha256, current.getWaiting(), result);
    }

    /** One turn of the call loop; the upload marks written last turn are durable now, so their uploads may go out. */
    private void punctuate(long nowMs) {
        marks.nextTurn();
        drain(nowMs);
        dispatch(nowMs);
        drain(nowMs);
    }

    private void drain(long nowMs) {
        lookups.drain(nowMs, (sha256, result) -> completeLookup(sha256, result, nowMs));
        uploads.drain(nowMs, (sha256, result) -> completeUpload(sha256, result, nowMs));
    }

    private void dispatch(long nowMs) {
        boolean uploadsReady = uploadLimit.isKnown();
        boolean marked = false;
        try (KeyValueIterator<String, String> it = pendingCalls.all()) {
            while (it.hasNext() && (lookups.hasCapacity() || uploads.hasCapacity() && uploadsReady)) {
                KeyValue<String, String> entry = it.next();
                String sha256 = entry.key;
                if (WorkPhase.REPUTATION.name().equals(entry.value)) {
                    if (lookups.hasCapacity() && !lookups.isInFlight(sha256) && !lookupRetries.isWaiting(sha256, nowMs)) {
                        HashWork current = work.get(sha256);
                        if (current != null) {
                            lookups.dispatch(sha256, laneOf(current), nowMs, () -> deps.api().hashReputation(sha256));
                        }
                    }
                } else if (uploadsReady && uploads.hasCapacity() && !uploads.isInFlight(sha256) && !uploadRetries.isWaiting(sha256, nowMs)) {
                    HashWork current = work.get(sha256);
                    if (current == null) {
                        continue;
                    }
                    if (!deps.findLostUploads()) {
                        uploads.dispatch(sha256, laneOf(current), nowMs, () -> uploader.upload(current.getRepresentative(),
                                uploadLimit.bytes(), Optional.empty(), UploadToken.next()));
                    } else if (marks.isCommitted(sha256)) {
                        sendUpload(current, nowMs);
                    } else if (!marks.isMarked(sha256) && marks.count() < deps.maxInFlightUploads()) {
                        work.put(sha256, marks.mark(current, Instant.ofEpochMilli(nowMs), UploadToken.next()));
                        marked = true;
                    }
                }
            }
        }
        if (marked) {
            // the marks must be durable before their uploads go out, on the next punctuation
            context.commit();
        }
    }

    /** An upload whose mark is committed: preceded by a search for its flow when an earlier answer may be lost. */
    private void sendUpload(HashWork current, long nowMs) {
        ScanRequest representative = current.getRepresentative();
        String token = UploadMarks.currentToken(current);
        // the markers of the earlier uploads (this one's marker cannot be found yet: it has not been sent)
        List<String> earlier = current.getUploadTokens().stream().filter(t -> !t.equals(token)).toList();
        Optional<LostUpload> lost = Optional.ofNullable(current.getAnswerLostSince())
                .map(since -> new LostUpload(current.getSha256(), since, Instant.ofEpochMilli(nowMs), earlier,
                        representative.getPreviousFlowIds()));
        uploads.dispatch(current.getSha256(), laneOf(current), nowMs,
                () -> uploader.upload(representative, uploadLimit.bytes(), lost, token));
    }

    /** Work a live event waits for is live work, even if a replay of the same content started it. */
    private static Lane laneOf(HashWork current) {
        boolean live = current.getWaiting().stream()
                .anyMatch(r -> MeteredCalls.laneOf(r.getEvent().getLane()) == Lane.LIVE);
        return live ? Lane.LIVE : Lane.REPLAY;
    }

    private void completeLookup(String sha256, CallResult<HashReputation> result, long nowMs) {
        HashWork current = work.get(sha256);
        if (current == null || current.getPhase() != WorkPhase.REPUTATION) {
            return;
        }
        Instant now = Instant.ofEpochMilli(nowMs);
        if (result instanceof CallResult.Success<HashReputation> success) {
            lookupRetries.forget(sha256);
            apply(current, decisions.onAnswer(current, success.value(), now), now);
            return;
        }
        CallResult.Failure<HashReputation> failure = (CallResult.Failure<HashReputation>) result;
        Optional<SandboxException> error = failure.sandboxError();
        failIfUnauthorized(error);
        boolean retryable = error.map(SandboxException::retryable).orElse(true);
        int failures = lookupRetries.recordFailure(sha256, nowMs, error.flatMap(SandboxException::retryAfter));
        if (!retryable || failures >= MAX_REPUTATION_ATTEMPTS) {
            // the reputation check only saves an upload: when it cannot answer, scan the file
            LOG.warn("sha256 {}: reputation check failed ({}); uploading instead", sha256, failure.describe());
            lookupRetries.forget(sha256);
            apply(current, decisions.onFailure(current, failure.describe(), now), now);
        } else {
            deps.metrics().retry(SandboxEndpoint.REPUTATION);
        }
    }

    /** What the reputation decided: answers out, the verdict cached, and the upload of what is left, if anything. */
    private void apply(HashWork current, ReputationCheck.Decision decision, Instant now) {
        decision.verdict().flatMap(verdict -> cache.remember(verdict, now)).ifPresent(this::publishCacheEntry);
        if (decision.toUpload().isEmpty()) {
            endWork(current.getSha256());
        }
        decision.answers().forEach(this::forwardOutcome);
        decision.toUpload().ifPresent(this::toUpload);
    }

    private void toUpload(HashWork current) {
        work.put(current.getSha256(), HashWork.newBuilder(current).setPhase(WorkPhase.UPLOAD).build());
        pendingCalls.put(current.getSha256(), WorkPhase.UPLOAD.name());
    }

    private void completeUpload(String sha256, CallResult<UploadResult> result, long nowMs) {
        HashWork current = work.get(sha256);
        if (current == null || current.getPhase() != WorkPhase.UPLOAD) {
            return;
        }
        if (result instanceof CallResult.Failure<UploadResult> failure) {
            failIfUnauthorized(failure.sandboxError());
            if (deps.findLostUploads()) {
                current = marks.answered(current, UploadStep.answerMayBeLost(failure));
                work.put(sha256, current);
            }
        }
        if (result instanceof CallResult.Success<UploadResult> success && success.value() instanceof UploadResult.NotListedYet) {
            // expected while a lost upload is still scanning: nothing was sent, search again at a steady pace
            // the marker of the upload that was not sent is dropped; the mark itself too
            work.put(sha256, marks.answered(current, false));
            uploadRetries.waitFor(sha256, nowMs, LOST_FLOW_SEARCH_INTERVAL);
            return;
        }
        Instant now = Instant.ofEpochMilli(nowMs);
        UploadStep step = UploadStep.of(current.getRepresentative(), result, now);
        if (step instanceof UploadStep.Scan scan) {
            if (scan.adopted()) {
                deps.metrics().lostUploadFound();
                LOG.info("sha256 {}: found flow {} of an upload whose answer was lost; not uploading again", sha256, scan.flowId());
            }
            startScan(current, scan.flowId(), now);
        } else if (step instanceof UploadStep.End end) {
            finish(sha256, current.getWaiting(), end.outcome());
        } else {
            UploadStep.Retry retry = (UploadStep.Retry) step;
            retryUpload(current, retry.reason(), retry.retryAfter(), nowMs);
        }
    }

    private void retryUpload(HashWork current, String reason, Optional<Duration> retryAfter, long nowMs) {
        int failures = uploadRetries.recordFailure(current.getSha256(), nowMs, retryAfter);
        long failingFor = uploadRetries.failingForMs(current.getSha256(), nowMs);
        if (failingFor >= deps.retryDeadline().toMillis()) {
            finish(current.getSha256(), current.getWaiting(), Outcomes.ofRequest(current.getRepresentative(), OutcomeStatus.FAILED,
                    "upload failed for " + Duration.ofMillis(failingFor).toSeconds() + " s (" + failures + " attempts): " + reason,
                    Instant.ofEpochMilli(nowMs)));
        } else {
            deps.metrics().retry(SandboxEndpoint.UPLOAD);
            LOG.info("sha256 {}: upload attempt {} failed ({}), retrying", current.getSha256(), failures, reason);
        }
    }

    private void startScan(HashWork current, String flowId, Instant now) {
        marks.forget(current.getSha256());
        ScanRequest request = current.getRepresentative();
        ScanRequest submitted = ScanRequest.newBuilder(request)
                .setFirstSubmittedAt(request.getFirstSubmittedAt() == null ? now : request.getFirstSubmittedAt())
                .build();
        work.put(current.getSha256(), HashWork.newBuilder(current).setPhase(WorkPhase.SCANNING).setFlowId(flowId)
                .setRepresentative(submitted).setUploadSentAt(null).setAnswerLostSince(null).setUploadTokens(List.of()).build());
        pendingCalls.delete(current.getSha256());
        uploadRetries.forget(current.getSha256());
        // due and deadline times are the poller's policy: it sets them when it first sees the flow
        ScanFlow flow = ScanFlow.newBuilder()
                .setRequest(submitted).setFlowId(flowId).setSubmittedAt(now).setDueAt(now).setPollCount(0)
                .setLastPolledAt(null).setLastPollPauseSeconds(null).setDeadlineAt(now)
                .setScannedByUrl(deps.policies().forUri(request.getEvent().getUri()).byUrl())
                .build();
        LOG.info("sha256 {} submitted as flow {} (attempt {}, {} event(s) waiting)", current.getSha256(), flowId,
                request.getAttempt(), current.getWaiting().size());
        context.forward(new Record<>(flowId, (SpecificRecord) flow, now.toEpochMilli()), SubmitterNames.TO_SCAN_FLOWS);
        // a crash before the next commit would upload this file again: ask for the commit now
        context.commit();
    }

    /** Ends the work of a content: one outcome per waiting event. */
    private void finish(String sha256, List<ScanRequest> waiting, ScanOutcome result) {
        endWork(sha256);
        ScanWork.answerAll(waiting, result).forEach(this::forwardOutcome);
    }

    private void endWork(String sha256) {
        work.delete(sha256);
        pendingCalls.delete(sha256);
        lookupRetries.forget(sha256);
        uploadRetries.forget(sha256);
        marks.forget(sha256);
    }

    private void forwardOutcome(ScanOutcome outcome) {
        // keyed by content: the enricher then sees every outcome of one flow in one task and fetches its report once
        String key = outcome.getSha256() != null ? outcome.getSha256() : outcome.getEvent().getEventId();
        context.forward(new Record<>(key, (SpecificRecord) outcome, context.currentSystemTimeMs()), SubmitterNames.SUBMIT_TO_OUTCOMES);
    }

    private void publishCacheEntry(CachedVerdict entry) {
        context.forward(new Record<>(entry.getSha256(), (SpecificRecord) entry, context.currentSystemTimeMs()), SubmitterNames.TO_VERDICT_CACHE);
    }

    private static void failIfUnauthorized(Optional<SandboxException> error) {
        SandboxUnauthorized.stopIfRejectedKey(SubmitterNames.STAGE_NAME, error);
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
        lookups.close();
        uploads.close();
    }
}
