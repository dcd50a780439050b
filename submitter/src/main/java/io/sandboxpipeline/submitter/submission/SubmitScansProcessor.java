package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.client.HashReputation;
import io.sandboxpipeline.client.SandboxException;
import io.sandboxpipeline.client.ScanOptions;
import io.sandboxpipeline.core.async.Backoff;
import io.sandboxpipeline.core.async.CallLoop;
import io.sandboxpipeline.core.async.CallResult;
import io.sandboxpipeline.core.async.Retries;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.outcome.ScanResults;
import io.sandboxpipeline.core.quota.Lane;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.quota.SandboxEndpoint;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.sandbox.SandboxUnauthorized;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.schemas.HashWork;
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
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sha256-keyed heart of the submitter: one piece of work per content, however many events name it. An event for
 * a content with a fresh cached verdict is answered at once ({@code decidedBy: CACHE}); an event for a content already
 * being looked up, uploaded or scanned attaches to that work; otherwise the work starts with the reputation check the
 * Workflow Guide begins with ({@code malicious}/{@code likely_malicious} decide without an upload), then one upload.
 * The poller sends each flow's result back (scan-results): every attached event gets its outcome. Work lives in
 * changelogged stores ({@link ContentWork}); each input has its class ({@link IncomingRequests}, {@link FlowResults});
 * this processor routes them and runs the call loop: look-ups in bulk ({@link ReputationLookups}) and uploads
 * ({@link UploadCalls}), both started from the head of the call queues ({@link CallQueue}): bounded, async, no stream
 * thread waits, and no work per tick that grows with the backlog.
 */
public final class SubmitScansProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(SubmitScansProcessor.class);
    private static final int MAX_REPUTATION_ATTEMPTS = 3;

    /** What the processor needs from outside, wired by the topology. */
    public record Dependencies(SandboxApi api, FileSources sources, Executor ioExecutor, ScanOptions scanOptions,
                               boolean reputationCheck, int reputationBatchSize, Duration reputationBatchWindow,
                               long fallbackMaxUploadSize, int maxInFlightLookups,
                               int maxInFlightUploads, Duration retryDeadline, Backoff backoff, Duration interval,
                               CachePolicy cachePolicy, QuotaLimiter limiter, SourcePolicies policies,
                               PipelineMetrics metrics, boolean findLostUploads, Duration lostUploadPatience) {
    }

    private static final List<Lane> LANES_BY_PRIORITY = List.of(Lane.LIVE, Lane.REPLAY);

    private final Dependencies deps;
    private ReputationLookups lookups;
    private UploadCalls uploads;
    private final Retries<String> lookupRetries;
    private final Retries<String> uploadRetries;
    private final Uploader uploader;
    private final UploadMarks marks = new UploadMarks();
    private final ReputationCheck decisions;

    private ProcessorContext<String, SpecificRecord> context;
    private ContentWork work;
    private IncomingRequests requests;
    private FlowResults results;
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
        this.lookups = new ReputationLookups(deps.api(), deps.limiter(), taskId, deps.maxInFlightLookups(),
                deps.reputationBatchSize(), deps.reputationBatchWindow());
        CallQueue calls = new CallQueue(context::getStateStore, context.getStateStore(SubmitterNames.PENDING_CALLS_STORE));
        this.work = new ContentWork(context, context.getStateStore(SubmitterNames.HASH_WORK_STORE), calls,
                new VerdictCache(context.getStateStore(SubmitterNames.VERDICT_CACHE_STORE), deps.cachePolicy()),
                lookupRetries, uploadRetries, marks);
        this.requests = new IncomingRequests(work, decisions, deps.reputationCheck(), deps.metrics());
        this.results = new FlowResults(work, deps.metrics());
        this.uploads = new UploadCalls(context, work, uploader, new UploadLimit(deps.api(), deps.fallbackMaxUploadSize()),
                marks, uploadRetries, deps);
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
        uploads.drain(nowMs);
    }

    /**
     * Starts what may start now: live calls before replay calls, each queue read from its head only as far as the
     * quota and the task's capacity allow, so a backlog of any size costs nothing here.
     */
    private void dispatch(long nowMs) {
        int adopted = work.calls().adoptUnqueued(sha256 -> Optional.ofNullable(work.get(sha256)).map(ScanWork::laneOf), nowMs);
        if (adopted > 0) {
            LOG.info("queued {} content(s) whose calls were recorded before the call queues existed", adopted);
        }
        for (Lane lane : LANES_BY_PRIORITY) {
            lookups.dispatch(work.calls(), lane, nowMs);
        }
        if (!uploads.ready()) {
            return;
        }
        boolean marked = false;
        for (Lane lane : LANES_BY_PRIORITY) {
            marked |= uploads.dispatch(lane, nowMs);
        }
        if (marked) {
            // the marks must be durable before their uploads go out, on the next punctuation
            context.commit();
        }
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
            work.callNotBefore(sha256, lookupRetries.notBeforeMs(sha256));
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

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
        lookups.close();
        uploads.close();
    }
}
