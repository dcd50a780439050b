package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.client.ErrorKind;
import io.sandboxpipeline.client.FileUpload;
import io.sandboxpipeline.client.HashReputation;
import io.sandboxpipeline.client.ReputationReport;
import io.sandboxpipeline.client.SandboxException;
import io.sandboxpipeline.client.ScanOptions;
import io.sandboxpipeline.core.async.AsyncCalls;
import io.sandboxpipeline.core.async.Backoff;
import io.sandboxpipeline.core.async.CallResult;
import io.sandboxpipeline.core.async.Retries;
import io.sandboxpipeline.core.outcome.Outcomes;
import io.sandboxpipeline.core.outcome.Verdicts;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.sandbox.SandboxUnauthorized;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.core.source.SourceException;
import io.sandboxpipeline.core.source.SourceObject;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanFlow;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.submitter.SubmitterTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second step of the submitter, keyed by sha256: the reputation check the Workflow Guide starts with
 * ({@code malicious}/{@code likely_malicious} decide without an upload), then the upload that starts a Sandbox flow.
 * Requests wait in two changelogged stores (awaiting reputation, awaiting upload); a wall-clock punctuator dispatches
 * bounded async calls and drains their results, so no stream thread ever waits on HTTP.
 */
public final class SubmitScansProcessor implements Processor<String, ScanRequest, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(SubmitScansProcessor.class);
    private static final int MAX_REPUTATION_ATTEMPTS = 3;

    /** What the processor needs from outside, wired by the topology. */
    public record Dependencies(SandboxApi api, FileSources sources, Executor ioExecutor, ScanOptions scanOptions,
                               boolean reputationCheck, long fallbackMaxUploadSize, int maxInFlightLookups,
                               int maxInFlightUploads, int maxUploadAttempts, Backoff backoff, Duration interval) {
    }

    private final Dependencies deps;
    private final AsyncCalls<String, HashReputation> lookups;
    private final AsyncCalls<String, UploadResult> uploads;
    private final Retries<String> lookupRetries;
    private final Retries<String> uploadRetries;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ScanRequest> awaitingReputation;
    private KeyValueStore<String, ScanRequest> awaitingUpload;
    private UploadLimit uploadLimit;
    private Cancellable punctuation;

    public SubmitScansProcessor(Dependencies deps) {
        this.deps = deps;
        this.lookups = new AsyncCalls<>(deps.maxInFlightLookups());
        this.uploads = new AsyncCalls<>(deps.maxInFlightUploads());
        this.lookupRetries = new Retries<>(deps.backoff());
        this.uploadRetries = new Retries<>(deps.backoff());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.awaitingReputation = context.getStateStore(SubmitterTopology.AWAITING_REPUTATION_STORE);
        this.awaitingUpload = context.getStateStore(SubmitterTopology.AWAITING_UPLOAD_STORE);
        this.uploadLimit = new UploadLimit(deps.api(), deps.fallbackMaxUploadSize());
        this.punctuation = context.schedule(deps.interval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, ScanRequest> record) {
        ScanRequest request = record.value();
        if (request == null) {
            return;
        }
        String eventId = request.getEvent().getEventId();
        // a retry of a failed scan already passed the reputation check: go straight to the upload
        if (deps.reputationCheck() && request.getAttempt() <= 1) {
            awaitingReputation.put(eventId, request);
        } else {
            awaitingUpload.put(eventId, request);
        }
        punctuate(context.currentSystemTimeMs());
    }

    private void punctuate(long nowMs) {
        drain(nowMs);
        dispatchLookups(nowMs);
        dispatchUploads(nowMs);
        drain(nowMs);
    }

    private void drain(long nowMs) {
        lookups.drain((eventId, result) -> completeLookup(eventId, result, nowMs));
        uploads.drain((eventId, result) -> completeUpload(eventId, result, nowMs));
    }

    private void dispatchLookups(long nowMs) {
        if (!lookups.hasCapacity()) {
            return;
        }
        try (KeyValueIterator<String, ScanRequest> it = awaitingReputation.all()) {
            while (it.hasNext() && lookups.hasCapacity()) {
                KeyValue<String, ScanRequest> entry = it.next();
                if (!lookups.isInFlight(entry.key) && !lookupRetries.isWaiting(entry.key, nowMs)) {
                    String sha256 = entry.value.getSha256();
                    lookups.dispatch(entry.key, () -> deps.api().hashReputation(sha256));
                }
            }
        }
    }

    private void dispatchUploads(long nowMs) {
        if (!uploads.hasCapacity() || !uploadLimit.isKnown()) {
            return;
        }
        try (KeyValueIterator<String, ScanRequest> it = awaitingUpload.all()) {
            while (it.hasNext() && uploads.hasCapacity()) {
                KeyValue<String, ScanRequest> entry = it.next();
                if (!uploads.isInFlight(entry.key) && !uploadRetries.isWaiting(entry.key, nowMs)) {
                    ScanRequest request = entry.value;
                    uploads.dispatch(entry.key, () -> upload(request));
                }
            }
        }
    }

    /** Resolves the source on the I/O pool (file stat, HTTP HEAD), checks the size, then streams the upload. */
    private CompletableFuture<UploadResult> upload(ScanRequest request) {
        long limit = uploadLimit.bytes();
        return CompletableFuture.supplyAsync(() -> resolve(request), deps.ioExecutor()).thenCompose(source -> {
            long size = source.size() >= 0 ? source.size() : request.getSize();
            if (size > limit) {
                return CompletableFuture.completedFuture(new UploadResult.TooLarge(size, limit));
            }
            String name = request.getEvent().getName() != null ? request.getEvent().getName() : source.name();
            return deps.api().submitFile(new FileUpload(name, size, source.content()), optionsFor(request))
                    .thenApply(UploadResult.Submitted::new);
        });
    }

    private static SourceObject resolveOrThrow(FileSources sources, ScanRequest request) throws SourceException {
        return sources.resolve(FileSources.parse(request.getEvent().getUri()));
    }

    private SourceObject resolve(ScanRequest request) {
        try {
            return resolveOrThrow(deps.sources(), request);
        } catch (SourceException e) {
            throw new CompletionException(e);
        }
    }

    /** An event may carry the password of an encrypted archive in its {@code sandbox.password} attribute. */
    private ScanOptions optionsFor(ScanRequest request) {
        String password = request.getEvent().getAttributes().get(SubmitterTopology.PASSWORD_ATTRIBUTE);
        ScanOptions o = deps.scanOptions();
        return password == null ? o : new ScanOptions(o.isPrivate(), o.isPrivateReport(), Optional.of(password), o.description(),
                o.tags(), o.propagateTags(), o.skipWhitelisted(), o.scanProfile(), o.scanEngine());
    }

    private void completeLookup(String eventId, CallResult<HashReputation> result, long nowMs) {
        ScanRequest request = awaitingReputation.get(eventId);
        if (request == null) {
            return;
        }
        if (result instanceof CallResult.Success<HashReputation> success) {
            HashReputation reputation = success.value();
            lookupRetries.forget(eventId);
            awaitingReputation.delete(eventId);
            if (reputation.isMaliciousEnoughToSkipScan()) {
                forwardOutcome(eventId, reputationVerdict(request, reputation, nowMs));
            } else {
                awaitingUpload.put(eventId, request);
            }
            return;
        }
        CallResult.Failure<HashReputation> failure = (CallResult.Failure<HashReputation>) result;
        Optional<SandboxException> error = failure.sandboxError();
        failIfUnauthorized(error);
        boolean retryable = error.map(SandboxException::retryable).orElse(true);
        int failures = lookupRetries.recordFailure(eventId, nowMs, retryAfter(error));
        if (!retryable || failures >= MAX_REPUTATION_ATTEMPTS) {
            // the reputation check only saves an upload: when it cannot answer, scan the file
            LOG.warn("event {}: reputation check failed ({}); uploading instead", eventId, failure.describe());
            lookupRetries.forget(eventId);
            awaitingReputation.delete(eventId);
            awaitingUpload.put(eventId, request);
        }
    }

    private ScanOutcome reputationVerdict(ScanRequest request, HashReputation reputation, long nowMs) {
        String referenceFlow = reputation.reports().stream()
                .map(ReputationReport::flowId).flatMap(Optional::stream).findFirst().orElse(null);
        return Outcomes.builder(request.getEvent(), request.getSha256(), OutcomeStatus.DONE, null, 0, Instant.ofEpochMilli(nowMs))
                .setDecidedBy(Decider.REPUTATION)
                .setVerdict(Verdicts.toAvro(reputation.overallVerdict()))
                .setThreatLevel(reputation.overallVerdict().nominalThreatLevel())
                .setReferenceFlowId(referenceFlow)
                .build();
    }

    private void completeUpload(String eventId, CallResult<UploadResult> result, long nowMs) {
        ScanRequest request = awaitingUpload.get(eventId);
        if (request == null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(nowMs);
        if (result instanceof CallResult.Success<UploadResult> success) {
            if (success.value() instanceof UploadResult.Submitted submitted) {
                forwardFlow(eventId, request, submitted.submission().flowId(), now);
            } else if (success.value() instanceof UploadResult.TooLarge tooLarge) {
                finishUpload(eventId, Outcomes.ofRequest(request, OutcomeStatus.SKIPPED,
                        "file is " + tooLarge.size() + " bytes, over the Sandbox's maxUploadSize of " + tooLarge.limit() + " bytes", now));
            }
            return;
        }
        CallResult.Failure<UploadResult> failure = (CallResult.Failure<UploadResult>) result;
        if (failure.error() instanceof SourceException source) {
            handleSourceFailure(eventId, request, source, nowMs);
            return;
        }
        Optional<SandboxException> error = failure.sandboxError();
        failIfUnauthorized(error);
        if (error.isPresent() && error.get().kind() == ErrorKind.PAYLOAD_TOO_LARGE) {
            finishUpload(eventId, Outcomes.ofRequest(request, OutcomeStatus.SKIPPED,
                    "the Sandbox refused the upload as too large (HTTP 413)", now));
            return;
        }
        if (error.isPresent() && !error.get().retryable()) {
            finishUpload(eventId, Outcomes.ofRequest(request, OutcomeStatus.FAILED, "upload rejected: " + failure.describe(), now));
            return;
        }
        retryUpload(eventId, request, failure.describe(), retryAfter(error), nowMs);
    }

    private void handleSourceFailure(String eventId, ScanRequest request, SourceException source, long nowMs) {
        Instant now = Instant.ofEpochMilli(nowMs);
        switch (source.kind()) {
            case UNSUPPORTED -> finishUpload(eventId, Outcomes.ofRequest(request, OutcomeStatus.SKIPPED, source.getMessage(), now));
            case INVALID, NOT_FOUND -> finishUpload(eventId, Outcomes.ofRequest(request, OutcomeStatus.FAILED, source.getMessage(), now));
            case UNREADABLE -> retryUpload(eventId, request, source.getMessage(), Optional.empty(), nowMs);
        }
    }

    private void retryUpload(String eventId, ScanRequest request, String reason, Optional<Duration> retryAfter, long nowMs) {
        int failures = uploadRetries.recordFailure(eventId, nowMs, retryAfter);
        if (failures >= deps.maxUploadAttempts()) {
            finishUpload(eventId, Outcomes.ofRequest(request, OutcomeStatus.FAILED,
                    "upload failed after " + failures + " attempts: " + reason, Instant.ofEpochMilli(nowMs)));
        } else {
            LOG.info("event {}: upload attempt {} failed ({}), retrying", eventId, failures, reason);
        }
    }

    private void forwardFlow(String eventId, ScanRequest request, String flowId, Instant now) {
        awaitingUpload.delete(eventId);
        uploadRetries.forget(eventId);
        ScanRequest submitted = ScanRequest.newBuilder(request)
                .setFirstSubmittedAt(request.getFirstSubmittedAt() == null ? now : request.getFirstSubmittedAt())
                .build();
        // due and deadline times are the poller's policy: it sets them when it first sees the flow
        ScanFlow flow = ScanFlow.newBuilder()
                .setRequest(submitted)
                .setFlowId(flowId)
                .setSubmittedAt(now)
                .setDueAt(now)
                .setPollCount(0)
                .setLastPolledAt(null)
                .setLastPollPauseSeconds(null)
                .setDeadlineAt(now)
                .build();
        LOG.info("event {}: sha256 {} submitted as flow {} (attempt {})", eventId, request.getSha256(), flowId, request.getAttempt());
        context.forward(new Record<>(flowId, (SpecificRecord) flow, now.toEpochMilli()), SubmitterTopology.TO_SCAN_FLOWS);
    }

    private void finishUpload(String eventId, ScanOutcome outcome) {
        awaitingUpload.delete(eventId);
        uploadRetries.forget(eventId);
        forwardOutcome(eventId, outcome);
    }

    private void forwardOutcome(String eventId, ScanOutcome outcome) {
        context.forward(new Record<>(eventId, (SpecificRecord) outcome, context.currentSystemTimeMs()), SubmitterTopology.SUBMIT_TO_OUTCOMES);
    }

    private static Optional<Duration> retryAfter(Optional<SandboxException> error) {
        return error.flatMap(SandboxException::retryAfter);
    }

    private static void failIfUnauthorized(Optional<SandboxException> error) {
        if (error.isPresent() && error.get().kind() == ErrorKind.UNAUTHORIZED) {
            throw new SandboxUnauthorized(SubmitterTopology.STAGE_NAME, error.get().getMessage());
        }
    }

    @Override
    public void close() {
        if (punctuation != null) {
            punctuation.cancel();
        }
        lookups.close();
        uploads.close();
    }
}
