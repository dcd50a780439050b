package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.core.quota.Lane;
import io.sandboxpipeline.core.streams.DueCursor;
import io.sandboxpipeline.core.streams.DueKeys;
import io.sandboxpipeline.schemas.WorkPhase;
import io.sandboxpipeline.submitter.SubmitterNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
 * <p>Each queue is a changelogged store of its own ({@code [due][sha256] -> sha256}, byte order = start order), and a
 * fifth holds each content's place ({@code sha256 -> "CALL LANE dueMs"}), to move or drop an entry without a search.
 * RocksDB keeps a deleted key as a tombstone until a compaction, and its iterators step over tombstones one by one:
 * a queue drained from its head leaves them all before its next entry. So each queue's scan starts at its
 * {@link DueCursor} (past what was taken from it), hands out no more entries than the queue holds (so it never looks
 * beyond its last one), and an empty queue is not read at all; separate stores keep one queue's tombstones (a drained
 * replay backlog's look-ups) out of every other queue's path.
 *
 * <p>A place written by a version before the queues existed holds only the call's name; {@link #adoptUnqueued} queues
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

    private final Function<String, KeyValueStore<Bytes, String>> stores;
    private final KeyValueStore<String, String> places;
    private final Map<String, Queue> queues = new HashMap<>();
    private boolean adoptionChecked;

    /**
     * @param stores the queue stores by name ({@link SubmitterNames#CALL_QUEUE_STORES})
     * @param places each content's place
     */
    CallQueue(Function<String, KeyValueStore<Bytes, String>> stores, KeyValueStore<String, String> places) {
        this.stores = stores;
        this.places = places;
    }

    /** Queues the content's next call (moving it if it waited elsewhere). */
    void schedule(String sha256, WorkPhase call, Lane lane, long dueMs) {
        remove(sha256);
        Place place = new Place(call, lane, Math.max(0, dueMs));
        places.put(sha256, place.encode());
        queue(call, lane).add(place.dueMs(), sha256);
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
        Place.decode(text).ifPresent(place -> queue(place.call(), place.lane()).remove(place.dueMs(), sha256));
        places.delete(sha256);
    }

    Optional<Place> placeOf(String sha256) {
        String text = places.get(sha256);
        return text == null ? Optional.empty() : Place.decode(text);
    }

    /**
     * The calls of one queue that may start at {@code nowMs}, oldest first, keyed by {@link DueKeys}; the caller closes
     * the iterator.
     */
    KeyValueIterator<Bytes, String> due(WorkPhase call, Lane lane, long nowMs) {
        return queue(call, lane).due(nowMs);
    }

    /**
     * Queues the contents whose place was written before the queues existed (it names only the call), as found after
     * an upgrade: checked once per task, on its first tick, and only when every queue is empty (every place written
     * since has its queue entry).
     *
     * @param laneOf the lane of a content's work, empty when its work is gone (then its place is dropped)
     * @return how many contents were queued
     */
    int adoptUnqueued(Function<String, Optional<Lane>> laneOf, long nowMs) {
        if (adoptionChecked) {
            return 0;
        }
        adoptionChecked = true;
        for (WorkPhase call : List.of(WorkPhase.REPUTATION, WorkPhase.UPLOAD)) {
            for (Lane lane : Lane.values()) {
                if (queue(call, lane).size() > 0) {
                    return 0;
                }
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

    private Queue queue(WorkPhase call, Lane lane) {
        if (call != WorkPhase.REPUTATION && call != WorkPhase.UPLOAD) {
            throw new IllegalArgumentException("no Sandbox call is queued for work in phase " + call);
        }
        String name = SubmitterNames.callQueueStore(call.name(), lane.name());
        return queues.computeIfAbsent(name, n -> new Queue(stores.apply(n)));
    }

    /** One queue: its store, where its next scan starts, and how many entries it holds (counted once per task). */
    private static final class Queue {
        private final KeyValueStore<Bytes, String> store;
        private final DueCursor cursor = new DueCursor();
        private long size = -1;

        Queue(KeyValueStore<Bytes, String> store) {
            this.store = store;
        }

        void add(long dueMs, String sha256) {
            long before = size();
            store.put(DueKeys.of(dueMs, sha256), sha256);
            size = before + 1;
            cursor.scheduled(dueMs);
        }

        void remove(long dueMs, String sha256) {
            long before = size();
            if (store.delete(DueKeys.of(dueMs, sha256)) != null) {
                size = before - 1;
            }
        }

        KeyValueIterator<Bytes, String> due(long nowMs) {
            long entries = size();
            if (entries == 0) {
                cursor.nothingDueUpTo(nowMs);
                return new AtMost(null, 0);
            }
            KeyValueIterator<Bytes, String> scan = store.range(DueKeys.of(cursor.fromMs(), ""), DueKeys.upTo(nowMs));
            return new AtMost(cursor.follow(scan, DueKeys::dueAt, nowMs), entries);
        }

        long size() {
            if (size < 0) {
                long count = 0;
                try (KeyValueIterator<Bytes, String> all = store.all()) {
                    for (; all.hasNext(); all.next()) {
                        count++;
                    }
                }
                size = count;
            }
            return size;
        }
    }

    /** A scan that hands out at most {@code limit} entries, and never asks its store for one more. */
    private static final class AtMost implements KeyValueIterator<Bytes, String> {
        private final KeyValueIterator<Bytes, String> scan;
        private long left;

        AtMost(KeyValueIterator<Bytes, String> scan, long limit) {
            this.scan = scan;
            this.left = limit;
        }

        @Override
        public boolean hasNext() {
            return left > 0 && scan.hasNext();
        }

        @Override
        public KeyValue<Bytes, String> next() {
            if (left <= 0) {
                throw new NoSuchElementException();
            }
            left--;
            return scan.next();
        }

        @Override
        public Bytes peekNextKey() {
            if (left <= 0) {
                throw new NoSuchElementException();
            }
            return scan.peekNextKey();
        }

        @Override
        public void close() {
            if (scan != null) {
                scan.close();
            }
        }
    }
}
