package io.sandboxpipeline.enricher;

import io.sandboxpipeline.client.FlowReport;
import io.sandboxpipeline.client.ReportQuery;
import io.sandboxpipeline.client.SandboxException;
import io.sandboxpipeline.core.async.Backoff;
import io.sandboxpipeline.core.async.CallLoop;
import io.sandboxpipeline.core.async.CallResult;
import io.sandboxpipeline.core.async.MeteredCalls;
import io.sandboxpipeline.core.async.Retries;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.quota.Lane;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.quota.SandboxEndpoint;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.sandbox.SandboxUnauthorized;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each outcome into the enriched verdict event. Verdicts that rest on a Sandbox report (a finished flow, the
 * report a reputation or cached verdict points to) wait in a changelogged store while the extended report (tags,
 * signal groups, IOCs) is fetched: once per flow, however many events share it (outcomes are keyed by content, so they
 * meet in one task). Everything else is published at once. An enrichment that cannot be fetched never holds a verdict
 * back for good: after the attempts run out the verdict is published with the reason.
 */
public final class EnrichVerdictsProcessor implements Processor<String, ScanOutcome, String, EnrichedVerdict> {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichVerdictsProcessor.class);
    private static final int RECENT_REPORTS = 2_048;

    private final SandboxApi api;
    private final EnricherConfig config;
    private final QuotaLimiter limiter;
    private final PipelineMetrics metrics;
    private MeteredCalls<String, FlowReport> fetches;
    private final Retries<String> retries;
    private final RecentReports recent = new RecentReports(RECENT_REPORTS);

    private ProcessorContext<String, EnrichedVerdict> context;
    private WaitingVerdicts waiting;
    private CallLoop loop;

    public EnrichVerdictsProcessor(SandboxApi api, EnricherConfig config, Backoff backoff, QuotaLimiter limiter,
                                   PipelineMetrics metrics) {
        this.api = api;
        this.config = config;
        this.limiter = limiter;
        this.metrics = metrics;
        this.retries = new Retries<>(backoff);
    }

    @Override
    public void init(ProcessorContext<String, EnrichedVerdict> context) {
        this.context = context;
        this.fetches = new MeteredCalls<>(config.maxInFlight(), limiter, SandboxEndpoint.REPORT, context.taskId().toString());
        this.waiting = new WaitingVerdicts(context.getStateStore(EnricherNames.PENDING_ENRICHMENTS_STORE),
                context.getStateStore(EnricherNames.REPORT_WAITERS_STORE), context.getStateStore(EnricherNames.REPORT_QUEUE_STORE));
        this.loop = CallLoop.custom(context, config.punctuationInterval(), this::punctuate);
    }

    @Override
    public void process(Record<String, ScanOutcome> record) {
        ScanOutcome outcome = record.value();
        if (outcome == null) {
            return;
        }
        metrics.eventIn();
        Optional<String> flowId = config.enrich() ? reportFlowId(outcome) : Optional.empty();
        if (flowId.isEmpty()) {
            publish(outcome, Optional.empty(), null);
            return;
        }
        Optional<RecentReports.Enrichment> known = recent.get(flowId.get());
        if (known.isPresent()) {
            publish(outcome, known.get().report(), known.get().error());
            return;
        }
        LOG.debug("event {}: waiting for the extended report of flow {}", outcome.getEvent().getEventId(), flowId.get());
        long nowMs = context.currentSystemTimeMs();
        if (waiting.add(flowId.get(), outcome, nowMs)) {
            // start the fetch now rather than at the next punctuation; its result is published from there
            String flow = flowId.get();
            fetches.dispatch(flow, laneOf(outcome), nowMs, () -> api.report(flow, ReportQuery.ENRICH));
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
        int adopted = waiting.adoptUnqueued(outcome -> reportFlowId(outcome).orElseThrow(), nowMs);
        if (adopted > 0) {
            LOG.info("queued {} verdict(s) kept waiting before the report queue existed", adopted);
        }
        drain(nowMs);
        dispatch(nowMs);
        if (drain(nowMs) > 0) {
            dispatch(nowMs);
        }
    }

    /**
     * Fetches the reports now due, oldest first, one call per flow, reading the queue's head only: it stops at the
     * first call the quota or the task's capacity refuses.
     */
    private void dispatch(long nowMs) {
        List<String> known = new ArrayList<>();
        try (KeyValueIterator<Bytes, String> due = waiting.due(nowMs)) {
            while (due.hasNext() && fetches.hasCapacity()) {
                String flowId = due.next().value;
                if (recent.get(flowId).isPresent()) {
                    known.add(flowId);
                } else if (!fetches.isInFlight(flowId)
                        && !fetches.dispatch(flowId, waiting.laneOf(flowId), nowMs, () -> api.report(flowId, ReportQuery.ENRICH))) {
                    break;
                }
            }
        }
        // published once the iterator is closed: publishing removes the flows from the queue
        known.forEach(flowId -> publishWaiting(flowId, recent.get(flowId).orElseThrow()));
    }

    /** Every verdict waiting for the flow, published with what is known of its report. */
    private void publishWaiting(String flowId, RecentReports.Enrichment enrichment) {
        for (ScanOutcome outcome : waiting.take(flowId)) {
            publish(outcome, enrichment.report(), enrichment.error());
        }
    }

    private static Lane laneOf(ScanOutcome outcome) {
        return MeteredCalls.laneOf(outcome.getEvent().getLane());
    }

    private int drain(long nowMs) {
        return fetches.drain(nowMs, (flowId, result) -> complete(flowId, result, nowMs));
    }

    private void complete(String flowId, CallResult<FlowReport> result, long nowMs) {
        if (result instanceof CallResult.Success<FlowReport> success) {
            retries.forget(flowId);
            recent.fetched(flowId, success.value());
            publishWaiting(flowId, recent.get(flowId).orElseThrow());
            return;
        }
        CallResult.Failure<FlowReport> failure = (CallResult.Failure<FlowReport>) result;
        Optional<SandboxException> error = failure.sandboxError();
        SandboxUnauthorized.stopIfRejectedKey(EnricherNames.STAGE_NAME, error);
        boolean retryable = error.map(SandboxException::retryable).orElse(true);
        int failures = retries.recordFailure(flowId, nowMs, error.flatMap(SandboxException::retryAfter));
        if (retryable) {
            metrics.retry(SandboxEndpoint.REPORT);
            LOG.debug("flow {}: extended report fetch {} failed ({}), fetching again later", flowId, failures, failure.describe());
        }
        if (!retryable || retries.failingForMs(flowId, nowMs) >= config.retryDeadline().toMillis()) {
            LOG.warn("flow {}: publishing its verdicts without tags and signals ({})", flowId, failure.describe());
            retries.forget(flowId);
            recent.unavailable(flowId, "extended report unavailable after " + failures + " attempt(s): " + failure.describe());
            publishWaiting(flowId, recent.get(flowId).orElseThrow());
        } else {
            waiting.postpone(flowId, retries.notBeforeMs(flowId));
        }
    }

    private void publish(ScanOutcome outcome, Optional<FlowReport> report, String enrichmentError) {
        long nowMs = context.currentSystemTimeMs();
        EnrichedVerdict verdict = VerdictEvents.of(outcome, report, enrichmentError, Instant.ofEpochMilli(nowMs));
        metrics.verdictOut(verdict.getVerdict().name(), verdict.getDecidedBy().name(), verdict.getStatus().name());
        if (verdict.getArrivalTime() != null) {
            metrics.verdictLatency(Duration.between(verdict.getArrivalTime(), verdict.getPublishedAt()), verdict.getDecidedBy().name());
        }
        LOG.info("event {} sha256 {}: {} {} by {}{}", verdict.getEventId(), verdict.getSha256(), verdict.getStatus(),
                verdict.getVerdict(), verdict.getDecidedBy(), verdict.getReason() == null ? "" : " (" + verdict.getReason() + ")");
        context.forward(new Record<>(verdict.getEventId(), verdict, nowMs));
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
        if (fetches != null) {
            fetches.close();
        }
    }
}
