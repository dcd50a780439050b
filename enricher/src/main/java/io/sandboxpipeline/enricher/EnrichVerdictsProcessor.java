package io.sandboxpipeline.enricher;

import io.sandboxpipeline.client.ErrorKind;
import io.sandboxpipeline.client.FlowReport;
import io.sandboxpipeline.client.ReportQuery;
import io.sandboxpipeline.client.SandboxException;
import io.sandboxpipeline.core.async.AsyncCalls;
import io.sandboxpipeline.core.async.Backoff;
import io.sandboxpipeline.core.async.CallResult;
import io.sandboxpipeline.core.async.Retries;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.sandbox.SandboxUnauthorized;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanOutcome;
import java.time.Instant;
import java.util.Optional;
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
 * Turns each outcome into the enriched verdict event. Verdicts that rest on a Sandbox report (a finished flow, or the
 * report a reputation verdict points to) wait in a changelogged store while the extended report (tags, signal groups,
 * IOCs) is fetched asynchronously; everything else is published at once. An enrichment that cannot be fetched never
 * holds a verdict back for good: after the attempts run out the verdict is published with the reason.
 */
public final class EnrichVerdictsProcessor implements Processor<String, ScanOutcome, String, EnrichedVerdict> {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichVerdictsProcessor.class);

    private final SandboxApi api;
    private final EnricherConfig config;
    private final AsyncCalls<String, FlowReport> fetches;
    private final Retries<String> retries;

    private ProcessorContext<String, EnrichedVerdict> context;
    private KeyValueStore<String, ScanOutcome> pending;
    private Cancellable punctuation;

    public EnrichVerdictsProcessor(SandboxApi api, EnricherConfig config, Backoff backoff) {
        this.api = api;
        this.config = config;
        this.fetches = new AsyncCalls<>(config.maxInFlight());
        this.retries = new Retries<>(backoff);
    }

    @Override
    public void init(ProcessorContext<String, EnrichedVerdict> context) {
        this.context = context;
        this.pending = context.getStateStore(EnricherTopology.PENDING_ENRICHMENTS_STORE);
        this.punctuation = context.schedule(config.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, ScanOutcome> record) {
        ScanOutcome outcome = record.value();
        if (outcome == null) {
            return;
        }
        if (config.enrich() && reportFlowId(outcome).isPresent()) {
            pending.put(outcome.getEvent().getEventId(), outcome);
            punctuate(context.currentSystemTimeMs());
        } else {
            publish(outcome, Optional.empty(), null);
        }
    }

    /** The flow whose extended report describes this verdict, if there is one. */
    static Optional<String> reportFlowId(ScanOutcome outcome) {
        if (outcome.getStatus() != OutcomeStatus.DONE) {
            return Optional.empty();
        }
        return Optional.ofNullable(outcome.getFlowId() != null ? outcome.getFlowId() : outcome.getReferenceFlowId());
    }

    private void punctuate(long nowMs) {
        drain(nowMs);
        dispatch(nowMs);
        drain(nowMs);
    }

    private void dispatch(long nowMs) {
        if (!fetches.hasCapacity()) {
            return;
        }
        try (KeyValueIterator<String, ScanOutcome> it = pending.all()) {
            while (it.hasNext() && fetches.hasCapacity()) {
                KeyValue<String, ScanOutcome> entry = it.next();
                if (!fetches.isInFlight(entry.key) && !retries.isWaiting(entry.key, nowMs)) {
                    String flowId = reportFlowId(entry.value).orElseThrow();
                    fetches.dispatch(entry.key, () -> api.report(flowId, ReportQuery.ENRICH));
                }
            }
        }
    }

    private void drain(long nowMs) {
        fetches.drain((eventId, result) -> complete(eventId, result, nowMs));
    }

    private void complete(String eventId, CallResult<FlowReport> result, long nowMs) {
        ScanOutcome outcome = pending.get(eventId);
        if (outcome == null) {
            return;
        }
        if (result instanceof CallResult.Success<FlowReport> success) {
            finish(eventId, outcome, Optional.of(success.value()), null);
            return;
        }
        CallResult.Failure<FlowReport> failure = (CallResult.Failure<FlowReport>) result;
        Optional<SandboxException> error = failure.sandboxError();
        if (error.isPresent() && error.get().kind() == ErrorKind.UNAUTHORIZED) {
            throw new SandboxUnauthorized(EnricherTopology.STAGE_NAME, error.get().getMessage());
        }
        boolean retryable = error.map(SandboxException::retryable).orElse(true);
        int failures = retries.recordFailure(eventId, nowMs, error.flatMap(SandboxException::retryAfter));
        if (!retryable || failures >= config.maxFetchAttempts()) {
            LOG.warn("event {}: publishing the verdict without tags and signals ({})", eventId, failure.describe());
            finish(eventId, outcome, Optional.empty(), "extended report unavailable after " + failures + " attempt(s): " + failure.describe());
        }
    }

    private void finish(String eventId, ScanOutcome outcome, Optional<FlowReport> report, String enrichmentError) {
        pending.delete(eventId);
        retries.forget(eventId);
        publish(outcome, report, enrichmentError);
    }

    private void publish(ScanOutcome outcome, Optional<FlowReport> report, String enrichmentError) {
        long nowMs = context.currentSystemTimeMs();
        EnrichedVerdict verdict = VerdictEvents.of(outcome, report, enrichmentError, Instant.ofEpochMilli(nowMs));
        LOG.info("event {} sha256 {}: {} {} by {}{}", verdict.getEventId(), verdict.getSha256(), verdict.getStatus(),
                verdict.getVerdict(), verdict.getDecidedBy(), verdict.getReason() == null ? "" : " (" + verdict.getReason() + ")");
        context.forward(new Record<>(verdict.getEventId(), verdict, nowMs));
    }

    @Override
    public void close() {
        if (punctuation != null) {
            punctuation.cancel();
        }
        fetches.close();
    }
}
