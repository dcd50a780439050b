package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.core.async.Retries;
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
 * call loop share: the work per content ({@code HashWork} by sha256), the index of calls to make, the verdict cache,
 * and the two outputs (one outcome per event, cache entries). Only the stream thread uses it.
 */
final class ContentWork {

    private final ProcessorContext<String, SpecificRecord> context;
    private final KeyValueStore<String, HashWork> work;
    private final KeyValueStore<String, String> pendingCalls;
    private final VerdictCache cache;
    private final Retries<String> lookupRetries;
    private final Retries<String> uploadRetries;
    private final UploadMarks marks;

    ContentWork(ProcessorContext<String, SpecificRecord> context, KeyValueStore<String, HashWork> work,
                KeyValueStore<String, String> pendingCalls, VerdictCache cache, Retries<String> lookupRetries,
                Retries<String> uploadRetries, UploadMarks marks) {
        this.context = context;
        this.work = work;
        this.pendingCalls = pendingCalls;
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

    /** Records the work and that a call of {@code phase} is to be made for it. */
    void callNext(HashWork current, WorkPhase phase) {
        work.put(current.getSha256(), current);
        pendingCalls.put(current.getSha256(), phase.name());
    }

    /** The work no longer waits for a call (it is scanning: the poller has it). */
    void noCallPending(String sha256) {
        pendingCalls.delete(sha256);
    }

    KeyValueStore<String, String> pendingCalls() {
        return pendingCalls;
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
        pendingCalls.delete(sha256);
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
