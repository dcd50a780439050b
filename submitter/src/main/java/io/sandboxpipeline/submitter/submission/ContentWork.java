package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.core.async.MeteredCalls;
import io.sandboxpipeline.core.async.Retries;
import io.sandboxpipeline.core.quota.Lane;
import io.sandboxpipeline.schemas.CachedVerdict;
import io.sandboxpipeline.schemas.HashWork;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.schemas.WorkPhase;
import io.sandboxpipeline.submitter.SubmitterNames;
import io.sandboxpipeline.submitter.cache.VerdictCache;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What the submission's two inputs (new events and retries on scan-requests, flow results on scan-results) and its
 * call loop share: the work per content ({@code HashWork} by sha256), the queues of calls to make, the verdict cache,
 * and the two outputs (one outcome per event, cache entries). Only the stream thread uses it.
 */
final class ContentWork {

    private final ProcessorContext<String, SpecificRecord> context;
    private final KeyValueStore<String, HashWork> work;
    private final CallQueue calls;
    private final VerdictCache cache;
    private final Retries<String> lookupRetries;
    private final Retries<String> uploadRetries;
    private final UploadMarks marks;

    ContentWork(ProcessorContext<String, SpecificRecord> context, KeyValueStore<String, HashWork> work,
                CallQueue calls, VerdictCache cache, Retries<String> lookupRetries,
                Retries<String> uploadRetries, UploadMarks marks) {
        this.context = context;
        this.work = work;
        this.calls = calls;
        this.cache = cache;
        this.lookupRetries = lookupRetries;
        this.uploadRetries = uploadRetries;
        this.marks = marks;
    }

    HashWork get(String sha256) {
        return work.get(sha256);
    }

    void put(HashWork current) {
        work.put(current.getSha256(), current);
    }

    /** Records the work and queues a call of {@code phase} for it, to start as soon as the quota allows. */
    void callNext(HashWork current, WorkPhase phase) {
        work.put(current.getSha256(), current);
        calls.schedule(current.getSha256(), phase, ScanWork.laneOf(current), context.currentSystemTimeMs());
    }

    /** One more event waits for work in flight; a live event moves the work's next call to the live queue. */
    void attach(HashWork existing, ScanRequest request) {
        put(ScanWork.attach(existing, request));
        if (MeteredCalls.laneOf(request.getEvent().getLane()) == Lane.LIVE) {
            calls.promoteToLive(existing.getSha256());
        }
    }

    /** The work's next call waits until {@code dueMs} (a back-off, or an expected wait). */
    void callNotBefore(String sha256, long dueMs) {
        calls.postpone(sha256, dueMs);
    }

    /** The work no longer waits for a call (it is scanning: the poller has it). */
    void noCallPending(String sha256) {
        calls.remove(sha256);
    }

    CallQueue calls() {
        return calls;
    }

    VerdictCache cache() {
        return cache;
    }

    UploadMarks marks() {
        return marks;
    }

    /** Ends the work of a content: one outcome per waiting event. */
    void finish(String sha256, List<ScanRequest> waiting, ScanOutcome result) {
        end(sha256);
        ScanWork.answerAll(waiting, result).forEach(this::forwardOutcome);
    }

    void end(String sha256) {
        work.delete(sha256);
        calls.remove(sha256);
        lookupRetries.forget(sha256);
        uploadRetries.forget(sha256);
        marks.forget(sha256);
    }

    void forwardOutcome(ScanOutcome outcome) {
        // keyed by content: the enricher then sees every outcome of one flow in one task and fetches its report once
        String key = outcome.getSha256() != null ? outcome.getSha256() : outcome.getEvent().getEventId();
        context.forward(new Record<>(key, (SpecificRecord) outcome, context.currentSystemTimeMs()),
                SubmitterNames.SUBMIT_TO_OUTCOMES);
    }

    void publishCacheEntry(CachedVerdict entry) {
        context.forward(new Record<>(entry.getSha256(), (SpecificRecord) entry, context.currentSystemTimeMs()),
                SubmitterNames.TO_VERDICT_CACHE);
    }
}
