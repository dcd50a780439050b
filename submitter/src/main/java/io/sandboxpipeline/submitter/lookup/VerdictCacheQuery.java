package io.sandboxpipeline.submitter.lookup;

import io.sandboxpipeline.schemas.CachedVerdict;
import io.sandboxpipeline.submitter.SubmitterNames;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * An interactive query of the submitter's verdict cache ({@value SubmitterNames#VERDICT_CACHE_STORE}) for one
 * sha256. The store is partitioned like {@code scan-requests}: the key lives on the instance whose task owns its
 * partition. That instance answers from its store; any other instance learns from Kafka Streams' metadata which one
 * holds it (its {@code application.server}).
 */
final class VerdictCacheQuery {

    /** What the query found out. */
    sealed interface Answer permits Local, Elsewhere, Unavailable {
    }

    /** This instance holds the key; {@code cached} is empty when the content was never cached here. */
    record Local(Optional<CachedVerdict> cached) implements Answer {
    }

    /** Another instance holds the key. */
    record Elsewhere(HostInfo host) implements Answer {
    }

    /** Nobody can answer right now, and why. */
    record Unavailable(String reason) implements Answer {
    }

    private final Supplier<Optional<KafkaStreams>> submitter;
    private final Optional<HostInfo> self;

    /**
     * @param submitter the submitter stage's Kafka Streams, once started
     * @param self      this instance's {@code application.server}, if it advertises one
     */
    VerdictCacheQuery(Supplier<Optional<KafkaStreams>> submitter, Optional<HostInfo> self) {
        this.submitter = Objects.requireNonNull(submitter, "submitter");
        this.self = Objects.requireNonNull(self, "self");
    }

    Answer lookup(String sha256) {
        Optional<KafkaStreams> started = submitter.get();
        if (started.isEmpty()) {
            return new Unavailable("the submitter stage has not started yet");
        }
        KafkaStreams streams = started.get();
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            return new Unavailable("the submitter stage is " + state + ", its verdict cache cannot be queried");
        }
        KeyQueryMetadata where;
        try {
            where = streams.queryMetadataForKey(SubmitterNames.VERDICT_CACHE_STORE, sha256, Serdes.String().serializer());
        } catch (IllegalStateException | StreamsException e) {
            return new Unavailable("the submitter stage is not ready to be queried: " + e.getMessage());
        }
        if (where == null || where.equals(KeyQueryMetadata.NOT_AVAILABLE) || where.partition() < 0) {
            // without any application.server Kafka Streams never knows where keys live: only this instance's stores can answer
            return self.isEmpty() && state == KafkaStreams.State.RUNNING ? localOnly(streams, sha256)
                    : new Unavailable("the verdict cache is not queryable yet: the submitter is starting or rebalancing");
        }
        HostInfo active = where.activeHost();
        boolean activeKnown = active != null && !active.equals(HostInfo.unavailable());
        if (activeKnown && self.isPresent() && !self.get().equals(active)) {
            return new Elsewhere(active);
        }
        try {
            ReadOnlyKeyValueStore<String, CachedVerdict> store = streams.store(StoreQueryParameters
                    .fromNameAndType(SubmitterNames.VERDICT_CACHE_STORE, QueryableStoreTypes.<String, CachedVerdict>keyValueStore())
                    .withPartition(where.partition()));
            return new Local(Optional.ofNullable(store.get(sha256)));
        } catch (InvalidStateStoreException | IllegalStateException e) {
            return notHere(active, activeKnown);
        }
    }

    /**
     * Every verdict cache partition this instance holds, for an instance that advertises no address. A verdict found
     * is the answer; a miss proves nothing, since another instance may hold the key.
     */
    private static Answer localOnly(KafkaStreams streams, String sha256) {
        try {
            ReadOnlyKeyValueStore<String, CachedVerdict> stores = streams.store(StoreQueryParameters
                    .fromNameAndType(SubmitterNames.VERDICT_CACHE_STORE, QueryableStoreTypes.<String, CachedVerdict>keyValueStore()));
            CachedVerdict cached = stores.get(sha256);
            if (cached != null) {
                return new Local(Optional.of(cached));
            }
        } catch (InvalidStateStoreException | IllegalStateException e) {
            return new Unavailable("the verdict cache is not queryable yet: the submitter is starting or rebalancing");
        }
        return new Unavailable("this sha256 is not in this instance's part of the verdict cache, and without an address "
                + "to advertise Kafka Streams cannot say which instance holds it: set ops.advertised.host (or an ops.host "
                + "other than 0.0.0.0) with a fixed ops.port");
    }

    /** The key's partition is not (or not yet) queryable on this instance. */
    private Answer notHere(HostInfo active, boolean activeKnown) {
        if (activeKnown && self.isEmpty()) {
            // this instance advertises no address, but the one holding the key does
            return new Elsewhere(active);
        }
        if (self.isEmpty()) {
            return new Unavailable("this sha256 is held by another submitter instance, and instances cannot forward "
                    + "look-ups: set ops.advertised.host (and a fixed ops.port) on every submitter instance");
        }
        return new Unavailable("the verdict cache of this sha256 is moving between instances (the submitter is "
                + "rebalancing or restoring its state); ask again in a few seconds");
    }
}
