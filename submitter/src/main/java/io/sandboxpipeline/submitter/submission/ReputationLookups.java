package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.client.ErrorKind;
import io.sandboxpipeline.client.HashReputation;
import io.sandboxpipeline.client.SandboxException;
import io.sandboxpipeline.core.async.CallResult;
import io.sandboxpipeline.core.async.MeteredCalls;
import io.sandboxpipeline.core.quota.Lane;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.quota.SandboxEndpoint;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.streams.DueKeys;
import io.sandboxpipeline.schemas.WorkPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reputation look-ups in bulk: the contents queued for a look-up go out together, up to {@code batchSize} hashes in one
 * {@code POST /api/reputation/hash} (one call of the quota), a single waiting hash as {@code GET}. A batch smaller than
 * that waits up to {@code window} after its oldest hash was queued, so contents that arrive close together share one
 * call.
 *
 * <p>The service documents no largest batch. A batch it refuses as too large or invalid (413, 422, 400) is split: the
 * batch size halves for this task and its hashes are asked again, without counting a failure. A service without the
 * bulk form (404, 405) gets single look-ups from then on. Answers are matched to hashes by the sha256 each answer
 * names, never by position; a hash the answer leaves out counts as a failed look-up (retried, then the file is
 * scanned): the worst case is one more scan, never another file's verdict.
 */
final class ReputationLookups {

    private static final Logger LOG = LoggerFactory.getLogger(ReputationLookups.class);

    private final SandboxApi api;
    private final MeteredCalls<String, List<HashReputation>> calls;
    private final Duration window;
    private final Map<String, List<String>> batches = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    private int batchSize;
    private boolean bulkAvailable = true;
    private long batchCounter;

    ReputationLookups(SandboxApi api, QuotaLimiter limiter, String taskId, int maxInFlight, int batchSize, Duration window) {
        this.api = api;
        this.calls = new MeteredCalls<>(maxInFlight, limiter, SandboxEndpoint.REPUTATION, taskId);
        this.batchSize = batchSize;
        this.window = window;
    }

    /**
     * Sends the due look-ups of one lane: full batches while the quota and the task's capacity allow, then a partial
     * one if its oldest hash has waited the window. Reads the queue's head only: in-flight hashes, then the batches.
     */
    void dispatch(CallQueue queue, Lane lane, long nowMs) {
        int size = bulkAvailable ? batchSize : 1;
        try (KeyValueIterator<Bytes, String> due = queue.due(WorkPhase.REPUTATION, lane, nowMs)) {
            while (calls.hasCapacity()) {
                List<String> batch = new ArrayList<>(size);
                long oldestDueMs = Long.MAX_VALUE;
                while (batch.size() < size && due.hasNext()) {
                    KeyValue<Bytes, String> entry = due.next();
                    if (!inFlight.contains(entry.value)) {
                        batch.add(entry.value);
                        oldestDueMs = Math.min(oldestDueMs, DueKeys.dueAt(entry.key));
                    }
                }
                boolean full = batch.size() == size;
                if (batch.isEmpty() || (!full && nowMs - oldestDueMs < window.toMillis()) || !send(batch, lane, nowMs)) {
                    return;
                }
            }
        }
    }

    private boolean send(List<String> batch, Lane lane, long nowMs) {
        String id = "batch-" + (++batchCounter);
        List<String> hashes = List.copyOf(batch);
        boolean started = calls.dispatch(id, lane, nowMs, () -> hashes.size() == 1
                ? api.hashReputation(hashes.get(0)).thenApply(List::of)
                : api.hashReputations(hashes));
        if (started) {
            batches.put(id, hashes);
            inFlight.addAll(hashes);
        }
        return started;
    }

    /**
     * Hands each hash's answer (or failure) to the handler on the stream thread. Hashes of a batch the service
     * refused for its size are not handed over: they stay queued and go out in smaller batches.
     */
    void drain(long nowMs, BiConsumer<String, CallResult<HashReputation>> handler) {
        calls.drain(nowMs, (id, result) -> {
            List<String> hashes = batches.remove(id);
            hashes.forEach(inFlight::remove);
            if (result instanceof CallResult.Success<List<HashReputation>> success) {
                answerEach(hashes, success.value(), handler);
            } else {
                CallResult.Failure<List<HashReputation>> failure = (CallResult.Failure<List<HashReputation>>) result;
                if (!adaptTo(failure.sandboxError(), hashes.size())) {
                    hashes.forEach(hash -> handler.accept(hash, new CallResult.Failure<>(failure.error())));
                }
            }
        });
    }

    private static void answerEach(List<String> hashes, List<HashReputation> answers,
                                   BiConsumer<String, CallResult<HashReputation>> handler) {
        Map<String, HashReputation> byHash = new HashMap<>();
        for (HashReputation answer : answers) {
            byHash.putIfAbsent(answer.sha256().toLowerCase(Locale.ROOT), answer);
        }
        for (String hash : hashes) {
            HashReputation answer = byHash.get(hash.toLowerCase(Locale.ROOT));
            handler.accept(hash, answer != null ? new CallResult.Success<>(answer)
                    : new CallResult.Failure<>(new IllegalStateException("the bulk reputation answer has no entry for this hash")));
        }
    }

    /** Whether a failed bulk call only says the batch was too large, or the bulk form is missing; then it is retried. */
    private boolean adaptTo(Optional<SandboxException> error, int sent) {
        if (error.isEmpty() || sent < 2) {
            return false;
        }
        ErrorKind kind = error.get().kind();
        int status = error.get().status();
        if (status == 404 || status == 405) {
            bulkAvailable = false;
            LOG.warn("the Sandbox has no bulk reputation look-up (HTTP {}): looking up one hash per call", status);
            return true;
        }
        if (kind == ErrorKind.PAYLOAD_TOO_LARGE || kind == ErrorKind.VALIDATION || kind == ErrorKind.BAD_REQUEST) {
            batchSize = Math.max(1, Math.min(batchSize, sent) / 2);
            LOG.warn("the Sandbox refused a bulk reputation look-up of {} hashes (HTTP {}): batches of {} from now on",
                    sent, status, batchSize);
            return true;
        }
        return false;
    }

    void close() {
        calls.close();
    }
}
