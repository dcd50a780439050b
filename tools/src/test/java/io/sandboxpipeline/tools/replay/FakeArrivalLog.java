package io.sandboxpipeline.tools.replay;

import io.sandboxpipeline.schemas.FileArrival;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory {@code file-arrivals} with two partitions that survives the "process" publishing to it: a test can
 * make a send crash or a flush fail, then resume against the same log and see what is stored, and how often.
 */
final class FakeArrivalLog implements ArrivalLog {

    private static final int PARTITIONS = 2;

    private final List<List<FileArrival>> partitions = List.of(new ArrayList<>(), new ArrayList<>());
    private final List<FileArrival> stored = new ArrayList<>();
    private int sendsBeforeCrash = Integer.MAX_VALUE;
    private int flushesBeforeFailure = Integer.MAX_VALUE;

    /** The next {@code n} sends are stored, the one after throws as a crashing process would stop. */
    void crashAfterSends(int n) {
        sendsBeforeCrash = n;
    }

    /** The next {@code n} flushes succeed, the one after reports a failed send. */
    void failFlushAfter(int n) {
        flushesBeforeFailure = n;
    }

    /** Crashes and failures are over: the next process finds a working log. */
    void heal() {
        sendsBeforeCrash = Integer.MAX_VALUE;
        flushesBeforeFailure = Integer.MAX_VALUE;
    }

    /** Every stored event, in the order sent. */
    List<FileArrival> stored() {
        return List.copyOf(stored);
    }

    List<String> storedIds() {
        return stored.stream().map(FileArrival::getEventId).toList();
    }

    @Override
    public void send(String eventId, FileArrival arrival) {
        if (sendsBeforeCrash-- <= 0) {
            throw new IllegalStateException("simulated crash while sending " + eventId);
        }
        partitions.get(Math.floorMod(eventId.hashCode(), PARTITIONS)).add(arrival);
        stored.add(arrival);
    }

    @Override
    public void flush() throws IOException {
        if (flushesBeforeFailure-- <= 0) {
            throw new IOException("simulated broker failure: a send was not acknowledged");
        }
    }

    @Override
    public Map<Integer, Long> endOffsets() {
        Map<Integer, Long> ends = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            ends.put(p, (long) partitions.get(p).size());
        }
        return ends;
    }

    @Override
    public Set<String> publishedSince(Map<Integer, Long> offsets, Set<String> eventIds) {
        Set<String> found = new HashSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            List<FileArrival> partition = partitions.get(p);
            for (int i = offsets.getOrDefault(p, 0L).intValue(); i < partition.size(); i++) {
                if (eventIds.contains(partition.get(i).getEventId())) {
                    found.add(partition.get(i).getEventId());
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        // nothing to release: the log outlives the publisher on purpose
    }
}
