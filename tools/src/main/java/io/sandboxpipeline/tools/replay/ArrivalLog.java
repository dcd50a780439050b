package io.sandboxpipeline.tools.replay;

import io.sandboxpipeline.schemas.FileArrival;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** Where a replay publishes its file-arrival events: {@code <prefix>file-arrivals} ({@link KafkaArrivalLog}). */
public interface ArrivalLog extends AutoCloseable {

    /** Publishes one event, keyed by its event id; may return before it is stored. */
    void send(String eventId, FileArrival arrival);

    /**
     * Waits until every event sent so far is stored.
     *
     * @throws IOException when one of them could not be stored (the checkpoint must then not move past it)
     */
    void flush() throws IOException;

    /** The next offset of every partition: where events sent from now on will be. */
    Map<Integer, Long> endOffsets() throws IOException;

    /**
     * Which of {@code eventIds} were published at or after {@code offsets} (a partition missing from the map is read
     * from its beginning): after a crash, what went out after the last checkpoint.
     */
    Set<String> publishedSince(Map<Integer, Long> offsets, Set<String> eventIds) throws IOException;

    @Override
    void close();
}
