package io.sandboxpipeline.submitter.ingest;

import io.sandboxpipeline.core.outcome.DeadLetters;
import io.sandboxpipeline.core.streams.DueKeys;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.submitter.SubmitterNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads S3 event notifications and forwards one {@link FileArrival} per newly created object version, keyed by its
 * event id. Test events and other event types are ignored and counted; a notification seen again within the dedup
 * window (stores deliver at least once) is dropped and counted; an unreadable notification is dead-lettered whole, with
 * its original bytes, and none of its records is forwarded.
 *
 * <p>Time is the stream thread's wall clock ({@code currentSystemTimeMs()}, the punctuator's argument), so tests
 * control it. The first-seen store answers "seen within the window?"; a due-time index lets a wall-clock punctuator
 * delete expired entries without scanning the whole store.
 */
public final class S3EventsProcessor implements Processor<String, byte[], String, SpecificRecord> {

    /** The dead letters' error type. */
    public static final String INVALID_NOTIFICATION = "INVALID_NOTIFICATION";
    /** Bounds the work of one punctuation after a long pause; the rest is expired by the next ones. */
    static final int MAX_EXPIRIES_PER_PUNCTUATION = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(S3EventsProcessor.class);
    private static final byte[] PRESENT = new byte[0];

    private final S3EventParser parser;
    private final long windowMs;
    private final Duration expiryInterval;
    private final IngestCounts counts;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Long> firstSeen;
    private KeyValueStore<Bytes, byte[]> expiries;
    private Cancellable punctuation;

    /**
     * @param parser         reads the notification JSON
     * @param dedupWindow    how long a forwarded object version suppresses repeated notifications for it
     * @param expiryInterval how often expired dedup entries are deleted
     * @param counts         where ignored, duplicate, dead-lettered and forwarded records are counted
     */
    public S3EventsProcessor(S3EventParser parser, Duration dedupWindow, Duration expiryInterval, IngestCounts counts) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.windowMs = Objects.requireNonNull(dedupWindow, "dedupWindow").toMillis();
        this.expiryInterval = Objects.requireNonNull(expiryInterval, "expiryInterval");
        this.counts = Objects.requireNonNull(counts, "counts");
        if (windowMs < 1) {
            throw new IllegalArgumentException("dedupWindow must be at least 1 ms, got " + dedupWindow);
        }
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.firstSeen = context.getStateStore(S3EventsTopology.FIRST_SEEN_STORE);
        this.expiries = context.getStateStore(S3EventsTopology.EXPIRY_STORE);
        this.punctuation = context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        long nowMs = context.currentSystemTimeMs();
        S3Notification notification;
        try {
            notification = parser.parse(record.value());
        } catch (InvalidNotificationException e) {
            deadLetter(record, e.getMessage(), nowMs);
            return;
        }
        if (notification instanceof S3Notification.TestEvent) {
            counts.recordTestEvent();
            return;
        }
        for (S3EventRecord event : ((S3Notification.Records) notification).records()) {
            handle(record, event, nowMs);
        }
    }

    private void handle(Record<String, byte[]> record, S3EventRecord event, long nowMs) {
        if (!event.createsContent()) {
            counts.recordIgnoredEventType(event.eventName());
            return;
        }
        String eventId = S3FileArrivals.eventId(event);
        Long seenAt = firstSeen.get(eventId);
        // compared here, not left to the punctuator, so the window is exact however late expiry runs
        if (seenAt != null && nowMs - seenAt < windowMs) {
            counts.recordDuplicate();
            LOG.debug("dropping repeated notification for s3://{}/{} (event {})", event.bucket(), event.key(), eventId);
            return;
        }
        firstSeen.put(eventId, nowMs);
        expiries.put(DueKeys.of(nowMs + windowMs, eventId), PRESENT);
        counts.recordArrival();
        FileArrival arrival = S3FileArrivals.toFileArrival(event, eventId);
        context.forward(record.withKey(eventId).withValue((SpecificRecord) arrival), S3EventsTopology.TO_FILE_ARRIVALS);
    }

    private void expire(long nowMs) {
        List<Bytes> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = expiries.range(null, DueKeys.upTo(nowMs))) {
            while (it.hasNext() && due.size() < MAX_EXPIRIES_PER_PUNCTUATION) {
                due.add(it.next().key);
            }
        }
        for (Bytes key : due) {
            String eventId = DueKeys.id(key);
            Long seenAt = firstSeen.get(eventId);
            // an entry seen again after its window has a later expiry of its own: only the stale index entry goes
            if (seenAt != null && nowMs - seenAt >= windowMs) {
                firstSeen.delete(eventId);
            }
            expiries.delete(key);
        }
    }

    private void deadLetter(Record<String, byte[]> record, String reason, long nowMs) {
        counts.recordDeadLetter();
        LOG.warn("dead-lettering S3 notification (record key {}): {}", record.key(), reason);
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        SpecificRecord letter = DeadLetters.of(SubmitterNames.STAGE_NAME, null, INVALID_NOTIFICATION, reason,
                context.recordMetadata().orElse(null), key, record.value(), Instant.ofEpochMilli(nowMs));
        context.forward(record.withValue(letter), S3EventsTopology.TO_DEAD_LETTERS);
    }

    @Override
    public void close() {
        if (punctuation != null) {
            punctuation.cancel();
        }
    }
}
