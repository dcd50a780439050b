package io.sandboxpipeline.poller;

import io.sandboxpipeline.client.ErrorKind;
import io.sandboxpipeline.client.FlowReport;
import io.sandboxpipeline.client.ReportQuery;
import io.sandboxpipeline.client.SandboxException;
import io.sandboxpipeline.core.async.CallLoop;
import io.sandboxpipeline.core.async.CallResult;
import io.sandboxpipeline.core.async.MeteredCalls;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.metrics.Registration;
import io.sandboxpipeline.core.outcome.Outcomes;
import io.sandboxpipeline.core.outcome.ScanResults;
import io.sandboxpipeline.core.quota.Lane;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.quota.SandboxEndpoint;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.sandbox.SandboxUnauthorized;
import io.sandboxpipeline.core.streams.DueCursor;
import io.sandboxpipeline.core.streams.DueKeys;
import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanFlow;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls {@code /api/scan/{flow_id}/report} for every submitted flow when it is due. A flow that is not finished is
 * re-queued on a delayed topic carrying its next due time; it comes back through this processor and waits in a
 * changelogged, due-time-indexed store. Finished flows become results for the submitter (which answers every event
 * waiting for the content); failed scans are resubmitted (a new scan request back to the submitter) until the
 * attempts run out.
 */
public final class PollFlowsProcessor implements Processor<String, ScanFlow, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(PollFlowsProcessor.class);

    private final SandboxApi api;
    private final PollerConfig config;
    private final TopicNames names;
    private final QuotaLimiter limiter;
    private final PipelineMetrics metrics;
    private final AtomicInteger scheduledFlows = new AtomicInteger();
    private final AtomicInteger duePolls = new AtomicInteger();
    private MeteredCalls<String, FlowReport> polls;
    private Registration flowsGauge;
    private Registration pollsGauge;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ScanFlow> scheduled;
    private KeyValueStore<Bytes, String> dueIndex;
    private final DueCursor dueCursor = new DueCursor();
    private CallLoop loop;

    public PollFlowsProcessor(SandboxApi api, PollerConfig config, TopicNames names, QuotaLimiter limiter, PipelineMetrics metrics) {
        this.api = api;
        this.config = config;
        this.names = names;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.polls = new MeteredCalls<>(config.maxInFlightPolls(), limiter, SandboxEndpoint.REPORT, context.taskId().toString());
        this.scheduled = context.getStateStore(PollerNames.SCHEDULED_FLOWS_STORE);
        this.dueIndex = context.getStateStore(PollerNames.DUE_INDEX_STORE);
        // gauges are read on the scrape thread: they see counters the stream thread keeps, never the stores
        scheduledFlows.set((int) Math.min(Integer.MAX_VALUE, scheduled.approximateNumEntries()));
        this.flowsGauge = metrics.inFlightFlows(scheduledFlows::get);
        this.pollsGauge = metrics.pendingPolls(duePolls::get);
        this.loop = CallLoop.every(context, config.punctuationInterval(), this::drain, this::dispatchDue);
    }

    @Override
    public void process(Record<String, ScanFlow> record) {
        ScanFlow flow = record.value();
        if (flow == null) {
            return;
        }
        if (flow.getPollCount() == 0) {
            metrics.eventIn();
            // a new flow from the submitter: the poll policy sets its first due time and its deadline
            flow = ScanFlow.newBuilder(flow)
                    .setDueAt(config.policy().firstPoll(flow.getSubmittedAt()))
                    .setDeadlineAt(config.policy().deadline(flow.getSubmittedAt()))
                    .build();
        }
        ScanFlow existing = scheduled.get(flow.getFlowId());
        if (existing != null) {
            if (existing.getPollCount() >= flow.getPollCount()) {
                return; // a copy of what is already scheduled (e.g. re-delivered after a crash)
            }
            dueIndex.delete(DueKeys.of(existing.getDueAt().toEpochMilli(), existing.getFlowId()));
        }
        if (existing == null) {
            scheduledFlows.incrementAndGet();
        }
        scheduled.put(flow.getFlowId(), flow);
        dueIndex.put(DueKeys.of(flow.getDueAt().toEpochMilli(), flow.getFlowId()), flow.getFlowId());
        dueCursor.scheduled(flow.getDueAt().toEpochMilli());
    }

    private void dispatchDue(long nowMs) {
        int waiting = 0;
        // from the cursor: RocksDB would otherwise step over the tombstone of every poll already made, on every tick
        try (KeyValueIterator<Bytes, String> due = dueCursor.follow(
                dueIndex.range(DueKeys.of(dueCursor.fromMs(), ""), DueKeys.upTo(nowMs)), DueKeys::dueAt, nowMs)) {
            while (due.hasNext()) {
                KeyValue<Bytes, String> entry = due.next();
                String flowId = entry.value;
                if (polls.isInFlight(flowId)) {
                    continue;
                }
                if (!polls.hasCapacity()) {
                    waiting++; // counted for the gauge, not read: a backlog costs no deserialisation per tick
                    continue;
                }
                ScanFlow flow = scheduled.get(flowId);
                if (flow == null) {
                    continue;
                }
                Lane lane = MeteredCalls.laneOf(flow.getRequest().getEvent().getLane());
                if (polls.dispatch(flowId, lane, nowMs, () -> api.report(flowId, ReportQuery.POLL))) {
                    Instant last = flow.getLastPolledAt() != null ? flow.getLastPolledAt() : flow.getSubmittedAt();
                    metrics.pollDelay(Duration.ofMillis(nowMs - last.toEpochMilli()));
                } else {
                    waiting++;
                }
            }
        }
        duePolls.set(waiting);
    }

    private void drain(long nowMs) {
        polls.drain(nowMs, (flowId, result) -> complete(flowId, result, nowMs));
    }

    private void complete(String flowId, CallResult<FlowReport> result, long nowMs) {
        ScanFlow flow = scheduled.get(flowId);
        if (flow == null) {
            return;
        }
        scheduled.delete(flowId);
        scheduledFlows.decrementAndGet();
        dueIndex.delete(DueKeys.of(flow.getDueAt().toEpochMilli(), flowId));
        Instant now = Instant.ofEpochMilli(nowMs);
        if (result instanceof CallResult.Success<FlowReport> success) {
            handleReport(flow, success.value(), now);
        } else {
            handleError(flow, (CallResult.Failure<FlowReport>) result, now);
        }
    }

    private void handleReport(ScanFlow flow, FlowReport report, Instant now) {
        if (!report.isFinished()) {
            if (!now.isBefore(flow.getDeadlineAt())) {
                timeOut(flow, now);
            } else {
                requeue(flow, report.pollPause(), Optional.empty(), now);
            }
            return;
        }
        if (!report.rejectedFiles().isEmpty() && report.reports().isEmpty()) {
            // a rejected archive (e.g. INVALID_PASSWORD) fails the same way on every retry
            finish(flow, Outcomes.ofRequest(flow.getRequest(), OutcomeStatus.FAILED,
                    "rejected by the Sandbox: " + report.failureReason().orElse("rejected files"), now));
            return;
        }
        if (report.isFailed()) {
            retryOrFail(flow, report.failureReason().orElse("scan failed"), now);
            return;
        }
        Optional<String> other = flow.getScannedByUrl() ? Optional.empty() : FlowSubject.otherContent(flow, report);
        if (other.isPresent()) {
            // never another file's verdict: this flow is no answer, the content is scanned again (the flow excluded)
            LOG.warn("flow {}: the report is about sha256 {}, not the content {}; scanning the content again",
                    flow.getFlowId(), other.get(), flow.getRequest().getSha256());
            metrics.flowHashMismatch();
            retryOrFail(flow, "the report of flow " + flow.getFlowId() + " is about another file (sha256 " + other.get() + ")", now);
            return;
        }
        finish(flow, FlowVerdicts.outcome(flow, report, now));
    }

    private void handleError(ScanFlow flow, CallResult.Failure<FlowReport> failure, Instant now) {
        Optional<SandboxException> error = failure.sandboxError();
        SandboxUnauthorized.stopIfRejectedKey(PollerNames.STAGE_NAME, error);
        ErrorKind kind = error.map(SandboxException::kind).orElse(ErrorKind.CONNECTION);
        if (kind == ErrorKind.NOT_FOUND || kind == ErrorKind.FORBIDDEN) {
            // a flow we may not read (e.g. someone else's private report) is no answer either: scan the content again
            retryOrFail(flow, kind == ErrorKind.NOT_FOUND ? "the Sandbox does not know flow " + flow.getFlowId() + " (HTTP 404)"
                    : "the Sandbox refuses access to flow " + flow.getFlowId() + " (HTTP 403)", now);
            return;
        }
        boolean retryable = error.map(SandboxException::retryable).orElse(true);
        if (!retryable) {
            finish(flow, Outcomes.ofRequest(flow.getRequest(), OutcomeStatus.FAILED, "report request rejected: " + failure.describe(), now));
        } else if (!now.isBefore(flow.getDeadlineAt())) {
            timeOut(flow, now);
        } else {
            LOG.debug("flow {}: poll failed ({}), polling again later", flow.getFlowId(), failure.describe());
            metrics.retry(SandboxEndpoint.REPORT);
            requeue(flow, OptionalInt.empty(), error.flatMap(SandboxException::retryAfter), now);
        }
    }

    private void requeue(ScanFlow flow, OptionalInt pollPause, Optional<Duration> retryAfter, Instant now) {
        int pollCount = flow.getPollCount() + 1;
        Duration delay = config.policy().nextDelay(pollCount, pollPause);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get();
        }
        ScanFlow next = ScanFlow.newBuilder(flow)
                .setPollCount(pollCount)
                .setLastPolledAt(now)
                .setLastPollPauseSeconds(pollPause.isPresent() ? pollPause.getAsInt() : null)
                .setDueAt(now.plus(delay))
                .build();
        // the delayed topic is the durable queue of unfinished flows; the record carries its due time
        context.forward(new Record<>(flow.getFlowId(), (SpecificRecord) next, now.toEpochMilli()),
                PollerNames.delayedSinkName(names.pollsDelayedFor(delay)));
    }

    private void retryOrFail(ScanFlow flow, String reason, Instant now) {
        ScanRequest request = flow.getRequest();
        if (request.getAttempt() < config.maxScanAttempts()) {
            List<String> flows = new ArrayList<>(request.getPreviousFlowIds());
            flows.add(flow.getFlowId());
            ScanRequest retry = ScanRequest.newBuilder(request)
                    .setAttempt(request.getAttempt() + 1)
                    .setPreviousFlowIds(flows)
                    .setLastFailureReason(reason)
                    .build();
            LOG.info("event {}: flow {} failed ({}); resubmitting, attempt {}", request.getEvent().getEventId(),
                    flow.getFlowId(), reason, retry.getAttempt());
            context.forward(new Record<>(request.getSha256(), (SpecificRecord) retry, now.toEpochMilli()), PollerNames.TO_SCAN_REQUESTS);
            return;
        }
        ScanOutcome failed = Outcomes.builder(request.getEvent(), request.getSha256(), OutcomeStatus.FAILED,
                        "scan failed " + request.getAttempt() + " time(s); last reason: " + reason, request.getAttempt(), now)
                .setFlowId(flow.getFlowId())
                .setSubmittedAt(request.getFirstSubmittedAt())
                .build();
        finish(flow, failed);
    }

    private void timeOut(ScanFlow flow, Instant now) {
        ScanRequest request = flow.getRequest();
        ScanOutcome timedOut = Outcomes.builder(request.getEvent(), request.getSha256(), OutcomeStatus.TIMED_OUT,
                        "scan not finished " + config.policy().scanDeadline() + " after submission (" + (flow.getPollCount() + 1) + " polls)",
                        request.getAttempt(), now)
                .setFlowId(flow.getFlowId())
                .setSubmittedAt(request.getFirstSubmittedAt())
                .build();
        finish(flow, timedOut);
    }

    private void finish(ScanFlow flow, ScanOutcome outcome) {
        LOG.info("flow {} of sha256 {}: {} {}", flow.getFlowId(), flow.getRequest().getSha256(), outcome.getStatus(),
                outcome.getVerdict() == null ? "" : outcome.getVerdict());
        context.forward(new Record<>(flow.getRequest().getSha256(), (SpecificRecord) ScanResults.of(outcome),
                outcome.getDecidedAt().toEpochMilli()), PollerNames.TO_SCAN_RESULTS);
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
        if (polls != null) {
            polls.close();
        }
        if (flowsGauge != null) {
            flowsGauge.close();
            pollsGauge.close();
        }
    }
}
