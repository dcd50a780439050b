package io.sandboxpipeline.emulator.internal.reputation;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reputations learned from this emulator's scans. A submission registers its future reports right away; a lookup
 * settles the reports whose flows have finished by then (each report moves once, so lookups cost O(log n) amortised
 * and need no background thread).
 */
public final class ReputationBook {

    /** The Sandbox returns "the last 10" reports per hash. */
    public static final int MAX_REPORTS = 10;

    private final ConcurrentHashMap<ReputationKey, Entry> entries = new ConcurrentHashMap<>();

    /** Registers a report that becomes known at {@link KnownReport#finishedAt()}. */
    public void expect(ReputationKey key, KnownReport report) {
        entries.computeIfAbsent(key, k -> new Entry()).add(report);
    }

    public Optional<Reputation> lookup(ReputationKey key, Instant now) {
        Entry entry = entries.get(key);
        return entry == null ? Optional.empty() : entry.settle(now);
    }

    private static final class Entry {
        private final PriorityQueue<KnownReport> pending =
                new PriorityQueue<>(Comparator.comparing(KnownReport::finishedAt));
        /** Newest first. */
        private final Deque<KnownReport> finished = new ArrayDeque<>();
        private Instant firstSeen;

        synchronized void add(KnownReport report) {
            pending.add(report);
        }

        synchronized Optional<Reputation> settle(Instant now) {
            while (!pending.isEmpty() && !pending.peek().finishedAt().isAfter(now)) {
                KnownReport report = pending.poll();
                finished.addFirst(report);
                if (finished.size() > MAX_REPORTS) {
                    finished.removeLast();
                }
                if (firstSeen == null) {
                    firstSeen = report.finishedAt();
                }
            }
            if (finished.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Reputation(finished.peekFirst().verdict(), finished.stream().toList(), firstSeen));
        }
    }
}
