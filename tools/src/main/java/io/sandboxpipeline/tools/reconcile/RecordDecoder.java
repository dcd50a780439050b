package io.sandboxpipeline.tools.reconcile;

import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.FileArrival;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;

/**
 * Reads the raw records of the three topics with the pipeline's serdes. A value that cannot be read never stops the
 * check: the record is then known by its key, as the pipeline itself does.
 */
final class RecordDecoder {

    private final PipelineTopics topics;

    RecordDecoder(PipelineTopics topics) {
        this.topics = topics;
    }

    InputRecord input(ConsumerRecord<byte[], byte[]> record) {
        String eventId = null;
        if (record.value() != null) {
            try {
                FileArrival arrival = topics.fileArrivalSerde().deserializer().deserialize(record.topic(), record.value());
                eventId = arrival == null ? null : arrival.getEventId();
            } catch (RuntimeException e) {
                // not a file-arrival event: the submitter dead-letters it under its key, so the key identifies it
                eventId = null;
            }
        }
        return new InputRecord(record.partition(), record.offset(), timestamp(record), key(record), eventId);
    }

    TerminalRecord verdict(ConsumerRecord<byte[], byte[]> record) {
        try {
            EnrichedVerdict verdict = topics.verdicts().valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (verdict == null) {
                return TerminalRecord.unreadable(TerminalRecord.Kind.VERDICT, record.partition(), record.offset(), key(record));
            }
            return TerminalRecord.verdict(record.partition(), record.offset(), verdict.getEventId(),
                    verdict.getStatus() + " " + verdict.getVerdict());
        } catch (RuntimeException e) {
            // the verdict's key is its event id: enough to count it
            return TerminalRecord.unreadable(TerminalRecord.Kind.VERDICT, record.partition(), record.offset(), key(record));
        }
    }

    TerminalRecord deadLetter(ConsumerRecord<byte[], byte[]> record) {
        try {
            DeadLetter letter = topics.deadLetters().valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (letter == null) {
                return TerminalRecord.unreadable(TerminalRecord.Kind.DEAD_LETTER, record.partition(), record.offset(), key(record));
            }
            TerminalRecord.SourcePosition source = TerminalRecord.SourcePosition
                    .of(letter.getSourceTopic(), letter.getPartition(), letter.getOffset()).orElse(null);
            return TerminalRecord.deadLetter(record.partition(), record.offset(), letter.getEventId(), source,
                    "DEAD_LETTER " + letter.getErrorType());
        } catch (RuntimeException e) {
            // a dead letter's key is the event id it was written under: enough to count it
            return TerminalRecord.unreadable(TerminalRecord.Kind.DEAD_LETTER, record.partition(), record.offset(), key(record));
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        // every pipeline topic has string keys (Kafka's StringSerializer: UTF-8)
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static Instant timestamp(ConsumerRecord<byte[], byte[]> record) {
        return record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE || record.timestamp() < 0
                ? null
                : Instant.ofEpochMilli(record.timestamp());
    }
}
