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
import io.sandboxpipeline.core.outcome.ScanResults;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.quota.SandboxEndpoint;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.sandbox.SandboxUnauthorized;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.schemas.HashWork;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanFlow;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.schemas.ScanResult;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sha256-keyed heart of the submitter: one piece of work per content, however many events name it. An event for
 * a content with a fresh cached verdict is answered at once ({@code decidedBy: CACHE}); an event for a content already
 * being looked up, uploaded or scanned attaches to that work; otherwise the work starts with the reputation check the
 * Workflow Guide begins with ({@code malicious}/{@code likely_malicious} decide without an upload), then one upload.
 * The poller sends each flow's result back (scan-results): every attached event gets its outcome. Work lives in
 * changelogged stores ({@link ContentWork}); each input has its class ({@link IncomingRequests}, {@link FlowResults});
 * this processor routes them and runs the call loop (look-ups, uploads: bounded, async, no stream thread waits).
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
    private ContentWork work;
    private IncomingRequests requests;
    private FlowResults results;
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
        this.work = new ContentWork(context, context.getStateStore(SubmitterNames.HASH_WORK_STORE),
                context.getStateStore(SubmitterNames.PENDING_CALLS_STORE),
                new VerdictCache(context.getStateStore(SubmitterNames.VERDICT_CACHE_STORE), deps.cachePolicy()),
                lookupRetries, uploadRetries, marks);
        this.requests = new IncomingRequests(work, decisions, deps.reputationCheck(), deps.metrics());
        this.results = new FlowResults(work, deps.metrics());
        this.uploadLimit = new UploadLimit(deps.api(), deps.fallbackMaxUploadSize());
        this.loop = CallLoop.custom(context, deps.interval(), this::punctuate);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (record.value() instanceof ScanRequest request) {
            requests.accept(request, now);
        } else if (record.value() instanceof ScanResult result) {
            results.accept(ScanResults.toOutcome(result), now);
        }
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
        try (KeyValueIterator<String, String> it = work.pendingCalls().all()) {
            while (it.hasNext() && (lookups.hasCapacity() || uploads.hasCapacity() && uploadsReady)) {
                KeyValue<String, String> entry = it.next();
                String sha256 = entry.key;
                if (WorkPhase.REPUTATION.name().equals(entry.value)) {
                    if (lookups.hasCapacity() && !lookups.isInFlight(sha256) && !lookupRetries.isWaiting(sha256, nowMs)) {
                        HashWork current = work.get(sha256);
                        if (current != null) {
                            lookups.dispatch(sha256, ScanWork.laneOf(current), nowMs, () -> deps.api().hashReputation(sha256));
                        }
                    }
                } else if (uploadsReady && uploads.hasCapacity() && !uploads.isInFlight(sha256) && !uploadRetries.isWaiting(sha256, nowMs)) {
                    HashWork current = work.get(sha256);
                    if (current == null) {
                        continue;
                    }
                    if (!deps.findLostUploads()) {
                        uploads.dispatch(sha256, ScanWork.laneOf(current), nowMs, () -> uploader.upload(current.getRepresentative(),
                                uploadLimit.bytes(), Optional.empty(), UploadToken.next()));
                    } else if (marks.isCommitted(sha256)) {
                        sendUpload(current, nowMs);
                    } else if (!marks.isMarked(sha256) && marks.count() < deps.maxInFlightUploads()) {
                        work.put(marks.mark(current, Instant.ofEpochMilli(nowMs), UploadToken.next()));
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
        uploads.dispatch(current.getSha256(), ScanWork.laneOf(current), nowMs,
                () -> uploader.upload(representative, uploadLimit.bytes(), lost, token));
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
        SandboxUnauthorized.stopIfRejectedKey(SubmitterNames.STAGE_NAME, error);
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
        decision.verdict().flatMap(verdict -> work.cache().remember(verdict, now)).ifPresent(work::publishCacheEntry);
        if (decision.toUpload().isEmpty()) {
            work.end(current.getSha256());
        }
        decision.answers().forEach(work::forwardOutcome);
        decision.toUpload().ifPresent(rest -> work.callNext(HashWork.newBuilder(rest).setPhase(WorkPhase.UPLOAD).build(),
                WorkPhase.UPLOAD));
    }

    private void completeUpload(String sha256, CallResult<UploadResult> result, long nowMs) {
        HashWork current = work.get(sha256);
        if (current == null || current.getPhase() != WorkPhase.UPLOAD) {
            return;
        }
        if (result instanceof CallResult.Failure<UploadResult> failure) {
            SandboxUnauthorized.stopIfRejectedKey(SubmitterNames.STAGE_NAME, failure.sandboxError());
            if (deps.findLostUploads()) {
                current = marks.answered(current, UploadStep.answerMayBeLost(failure));
                work.put(current);
            }
        }
        if (result instanceof CallResult.Success<UploadResult> success && success.value() instanceof UploadResult.NotListedYet) {
            // expected while a lost upload is still scanning: nothing was sent, search again at a steady pace
            // the marker of the upload that was not sent is dropped; the mark itself too
            work.put(marks.answered(current, false));
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
            work.finish(sha256, current.getWaiting(), end.outcome());
        } else {
            UploadStep.Retry retry = (UploadStep.Retry) step;
            retryUpload(current, retry.reason(), retry.retryAfter(), nowMs);
        }
    }

    private void retryUpload(HashWork current, String reason, Optional<Duration> retryAfter, long nowMs) {
        int failures = uploadRetries.recordFailure(current.getSha256(), nowMs, retryAfter);
        long failingFor = uploadRetries.failingForMs(current.getSha256(), nowMs);
        if (failingFor >= deps.retryDeadline().toMillis()) {
            work.finish(current.getSha256(), current.getWaiting(), Outcomes.ofRequest(current.getRepresentative(), OutcomeStatus.FAILED,
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
        work.put(HashWork.newBuilder(current).setPhase(WorkPhase.SCANNING).setFlowId(flowId)
                .setRepresentative(submitted).setUploadSentAt(null).setAnswerLostSince(null).setUploadTokens(List.of()).build());
        work.noCallPending(current.getSha256());
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


    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
        lookups.close();
        uploads.close();
    }
}
