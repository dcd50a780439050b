package io.sandboxpipeline.core.streams;

import java.util.function.ToLongFunction;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Where the next scan of a due-time index may start. An index used as a queue is read at its head and deleted at its
 * head, and RocksDB keeps a deleted key as a tombstone until a compaction: a scan from the start of the key range
 * steps over every entry ever taken from the queue since, work that grows with the backlog that has passed through.
 * The cursor remembers the due time of the first entry the last scan found (or that nothing was due), so the next scan
 * seeks past the tombstones; every entry scheduled earlier than the cursor moves it back.
 *
 * <p>In memory, per task: a new instance starts at 0, so its first scan walks the index once.
 */
public final class DueCursor {

    private long fromMs;
    /** Counts {@link #scheduled} calls, so a scan moves the cursor only if nothing was scheduled meanwhile. */
    private long schedules;

    /** The earliest due time the next scan must include. */
    public long fromMs() {
        return fromMs;
    }

    /** An entry was written with this due time: the next scan must not start after it. */
    public void scheduled(long dueMs) {
        fromMs = Math.min(fromMs, Math.max(0, dueMs));
        schedules++;
    }

    /** Nothing is due up to {@code nowMs} (the index is known to be empty): the next scan starts after it. */
    public void nothingDueUpTo(long nowMs) {
        fromMs = Math.max(fromMs, nowMs + 1);
    }

    /**
     * Follows a scan of the entries due up to {@code nowMs}, started at {@link #fromMs()}: the cursor moves to the due
     * time of the first entry the scan hands out, or past {@code nowMs} when the scan finds none.
     *
     * @param dueOf the due time of an entry's key
     */
    public <V> KeyValueIterator<Bytes, V> follow(KeyValueIterator<Bytes, V> scan, ToLongFunction<Bytes> dueOf, long nowMs) {
        long schedulesAtStart = schedules;
        return new KeyValueIterator<>() {
            private boolean first = true;

            @Override
            public boolean hasNext() {
                boolean more = scan.hasNext();
                if (!more && first) {
                    moveTo(nowMs + 1);
                }
                return more;
            }

            @Override
            public KeyValue<Bytes, V> next() {
                KeyValue<Bytes, V> entry = scan.next();
                if (first) {
                    moveTo(dueOf.applyAsLong(entry.key));
                }
                return entry;
            }

            private void moveTo(long dueMs) {
                first = false;
                if (schedules == schedulesAtStart) {
                    fromMs = Math.max(fromMs, dueMs);
                }
            }

            @Override
            public Bytes peekNextKey() {
                return scan.peekNextKey();
            }

            @Override
            public void close() {
                scan.close();
            }
        };
    }
}
