package io.sandboxpipeline.core.outcome;

import io.sandboxpipeline.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds dead-letter records: the reason, where the record came from, and its original bytes. */
public final class DeadLetters {

    /** Machine-readable error types. */
    public static final String UNDESERIALIZABLE = "UNDESERIALIZABLE";
    public static final String INVALID_EVENT = "INVALID_EVENT";

    private DeadLetters() {
    }

    public static DeadLetter of(String stage, String eventId, String errorType, String reason, RecordMetadata source,
                                byte[] key, byte[] value, Instant now) {
        return DeadLetter.newBuilder()
                .setEventId(eventId)
                .setStage(stage)
                .setSourceTopic(source == null ? null : source.topic())
                .setPartition(source == null ? null : source.partition())
                .setOffset(source == null ? null : source.offset())
                .setReason(reason)
                .setErrorType(errorType)
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
                .setFailedAt(now)
                .setAttributes(Map.of())
                .build();
    }
}
