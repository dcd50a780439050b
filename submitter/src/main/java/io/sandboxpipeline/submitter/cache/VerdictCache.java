package io.sandboxpipeline.submitter.cache;

import io.sandboxpipeline.core.outcome.Outcomes;
import io.sandboxpipeline.schemas.CachedVerdict;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The latest verdict per sha256, in a changelogged store of the sha256-keyed submitter task. A fresh entry answers an
 * event without any Sandbox call; the verdict then says it came from the cache and from which flow.
 */
public final class VerdictCache {

    private final KeyValueStore<String, CachedVerdict> store;
    private final CachePolicy policy;

    public VerdictCache(KeyValueStore<String, CachedVerdict> store, CachePolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /** A cached verdict that has not expired. */
    public Optional<CachedVerdict> fresh(String sha256, Instant now) {
        CachedVerdict cached = store.get(sha256);
        if (cached == null) {
            return Optional.empty();
        }
        if (!now.isBefore(cached.getExpiresAt())) {
            store.delete(sha256);
            return Optional.empty();
        }
        return Optional.of(cached);
    }

    /**
     * Remembers a decided verdict, if its class is cached at all.
     *
     * @return the cache entry, to publish on the verdict-cache topic
     */
    public Optional<CachedVerdict> remember(ScanOutcome decided, Instant now) {
        if (decided.getStatus() != OutcomeStatus.DONE || decided.getVerdict() == null || decided.getSha256() == null
                || !policy.caches(decided.getVerdict())) {
            return Optional.empty();
        }
        CachedVerdict entry = CachedVerdict.newBuilder()
                .setSha256(decided.getSha256())
                .setVerdict(decided.getVerdict())
                .setThreatLevel(decided.getThreatLevel())
                .setConfidence(decided.getConfidence())
                .setDecidedBy(decided.getDecidedBy())
                .setFlowId(decided.getFlowId() != null ? decided.getFlowId() : decided.getReferenceFlowId())
                .setArchiveVerdict(decided.getArchiveVerdict())
                .setMembers(decided.getMembers())
                .setDecidedAt(decided.getDecidedAt())
                .setExpiresAt(now.plus(policy.ttl(decided.getVerdict())))
                .build();
        store.put(entry.getSha256(), entry);
        return Optional.of(entry);
    }

    /** The outcome of an event answered from the cache. */
    public static ScanOutcome answer(ScanRequest request, CachedVerdict cached, Instant now) {
        return Outcomes.builder(request.getEvent(), request.getSha256(), OutcomeStatus.DONE, null, 0, now)
                .setDecidedBy(Decider.CACHE)
                .setVerdict(cached.getVerdict())
                .setThreatLevel(cached.getThreatLevel())
                .setConfidence(cached.getConfidence())
                .setFlowId(cached.getFlowId())
                .setArchiveVerdict(cached.getArchiveVerdict())
                .setMembers(cached.getMembers())
                .build();
    }
}
