package io.sandboxpipeline.core.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of a due-time index: an 8-byte big-endian timestamp, then the id. Byte order equals time order, so
 * {@code store.range(null, DueKeys.upTo(now))} returns everything overdue, however late the punctuator runs.
 */
public final class DueKeys {

    private DueKeys() {
    }

    public static Bytes of(long dueAtMs, String id) {
        if (dueAtMs < 0) {
            throw new IllegalArgumentException("due time must not be negative: " + dueAtMs);
        }
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + idBytes.length).putLong(dueAtMs).put(idBytes).array());
    }

    /** The upper bound (inclusive) of every key due at or before {@code nowMs}. */
    public static Bytes upTo(long nowMs) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(nowMs + 1).array());
    }

    public static long dueAt(Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong();
    }

    public static String id(Bytes key) {
        byte[] bytes = key.get();
        return new String(bytes, Long.BYTES, bytes.length - Long.BYTES, StandardCharsets.UTF_8);
    }
}
