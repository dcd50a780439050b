package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.core.quota.Lane;
import io.sandboxpipeline.core.streams.DueKeys;
import io.sandboxpipeline.schemas.WorkPhase;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The Sandbox calls the submission still has to make, in the order they may start: one queue per call (reputation
 * look-up, upload) and lane, each ordered by the time its call may start (when the work arrived, or when its back-off
 * ends). A punctuation reads the head of each queue and stops at the first call the quota refuses, so its work does not
 * grow with the backlog behind it, however many contents wait.
 *
 * <p>Two changelogged stores: the queues ({@code [call][lane][due][sha256] -> sha256}, byte order = start order) and
 * each content's place in them ({@code sha256 -> "CALL LANE dueMs"}), to move or drop an entry without a search. A
 * place written by a version before the queues existed holds only the call's name; {@link #adoptUnqueued} queues
 * those.
 */
final class CallQueue {

    /** Where a content waits: which call, in which lane, from when. */
    record Place(WorkPhase call, Lane lane, long dueMs) {

        String encode() {
            return call.name() + " " + lane.name() + " " + dueMs;
        }

        static Optional<Place> decode(String text) {
            String[] parts = text.split(" ");
            if (parts.length != 3) {
                return Optional.empty();
            }
            return Optional.of(new Place(WorkPhase.valueOf(parts[0]), Lane.valueOf(parts[1]), Long.parseLong(parts[2])));
        }
    }

    private final KeyValueStore<Bytes, String> queues;
    private final KeyValueStore<String, String> places;

    CallQueue(KeyValueStore<Bytes, String> queues, KeyValueStore<String, String> places) {
        this.queues = queues;
        this.places = places;
    }

    /** Queues the content's next call (moving it if it waited elsewhere). */
    void schedule(String sha256, WorkPhase call, Lane lane, long dueMs) {
        remove(sha256);
        Place place = new Place(call, lane, Math.max(0, dueMs));
        places.put(sha256, place.encode());
        queues.put(key(place, sha256), sha256);
    }

    /** The same call, not before {@code dueMs} (a back-off, or an expected wait). */
    void postpone(String sha256, long dueMs) {
        placeOf(sha256).ifPresent(place -> schedule(sha256, place.call(), place.lane(), dueMs));
    }

    /** A live event now waits for this content: its call moves to the live queue, keeping its place in time. */
    void promoteToLive(String sha256) {
        placeOf(sha256).filter(place -> place.lane() == Lane.REPLAY)
                .ifPresent(place -> schedule(sha256, place.call(), Lane.LIVE, place.dueMs()));
    }

    /** The content waits for no call any more. */
    void remove(String sha256) {
        String text = places.get(sha256);
        if (text == null) {
            return;
        }
        Place.decode(text).ifPresent(place -> queues.delete(key(place, sha256)));
        places.delete(sha256);
    }

    Optional<Place> placeOf(String sha256) {
        String text = places.get(sha256);
        return text == null ? Optional.empty() : Place.decode(text);
    }

    /** The calls of one queue that may start at {@code nowMs}, oldest first; the caller closes the iterator. */
    KeyValueIterator<Bytes, String> due(WorkPhase call, Lane lane, long nowMs) {
        return queues.range(Bytes.wrap(prefix(call, lane, 0, new byte[0])),
                Bytes.wrap(prefix(call, lane, nowMs + 1, new byte[0])));
    }

    /** When the entry of {@link #due} was queued to start. */
    static long dueAt(Bytes key) {
        return ByteBuffer.wrap(key.get(), 2, Long.BYTES).getLong();
    }

    /**
     * Queues the contents whose place was written before the queues existed (it names only the call), as found after
     * an upgrade. Costs one read while the queues hold anything (then there is nothing to adopt: every place written
     * since has its queue entry) and two while both are empty.
     *
     * @param laneOf the lane of a content's work, empty when its work is gone (then its place is dropped)
     * @return how many contents were queued
     */
    int adoptUnqueued(Function<String, Optional<Lane>> laneOf, long nowMs) {
        try (KeyValueIterator<Bytes, String> anyQueued = queues.all()) {
            if (anyQueued.hasNext()) {
                return 0;
            }
        }
        List<KeyValue<String, String>> legacy = new ArrayList<>();
        try (KeyValueIterator<String, String> it = places.all()) {
            it.forEachRemaining(legacy::add);
        }
        int adopted = 0;
        for (var entry : legacy) {
            Optional<Lane> lane = laneOf.apply(entry.key);
            if (lane.isEmpty()) {
                places.delete(entry.key);
                continue;
            }
            WorkPhase call = Place.decode(entry.value).map(Place::call).orElseGet(() -> WorkPhase.valueOf(entry.value));
            schedule(entry.key, call, lane.get(), nowMs);
            adopted++;
        }
        return adopted;
    }

    private static Bytes key(Place place, String sha256) {
        Bytes due = DueKeys.of(place.dueMs(), sha256);
        return Bytes.wrap(prefix(place.call(), place.lane(), -1, due.get()));
    }

    /** {@code [call][lane]} then either {@code dueKey} (when {@code dueMs} is -1) or the 8-byte {@code dueMs}. */
    private static byte[] prefix(WorkPhase call, Lane lane, long dueMs, byte[] dueKey) {
        ByteBuffer buffer = ByteBuffer.allocate(2 + (dueMs < 0 ? dueKey.length : Long.BYTES));
        buffer.put(callCode(call)).put(lane == Lane.LIVE ? (byte) 1 : (byte) 2);
        if (dueMs < 0) {
            buffer.put(dueKey);
        } else {
            buffer.putLong(dueMs);
        }
        return buffer.array();
    }

    private static byte callCode(WorkPhase call) {
        return switch (call) {
            case REPUTATION -> 1;
            case UPLOAD -> 2;
            default -> throw new IllegalArgumentException("no Sandbox call is queued for work in phase " + call);
        };
    }
}
