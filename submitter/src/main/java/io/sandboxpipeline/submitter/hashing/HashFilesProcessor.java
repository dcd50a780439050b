package io.sandboxpipeline.submitter.hashing;

import io.sandboxpipeline.core.async.AsyncCalls;
import io.sandboxpipeline.core.async.Backoff;
import io.sandboxpipeline.core.async.CallLoop;
import io.sandboxpipeline.core.async.CallResult;
import io.sandboxpipeline.core.async.Retries;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.outcome.DeadLetters;
import io.sandboxpipeline.core.outcome.Outcomes;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.core.source.Sha256;
import io.sandboxpipeline.core.source.SourceException;
import io.sandboxpipeline.core.streams.DeadLetterBreaker;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.submitter.SubmitterNames;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step of the submitter: reads raw file-arrival events, dead-letters what cannot be read or is invalid, and
 * turns every valid event into a {@link ScanRequest} keyed by the file's sha256 (hashing the source, streamed, when the
 * event does not carry a hash). Hashing runs on a worker pool; the events being hashed wait in a changelogged store.
 */
public final class HashFilesProcessor implements Processor<String, byte[], String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(HashFilesProcessor.class);
    private static final int MAX_READ_ATTEMPTS = 3;
    /** Larger input records are not file-arrival events anyone meant to send (Kafka's own default limit is 1 MiB). */
    static final int MAX_EVENT_BYTES = 1024 * 1024;

    private final Deserializer<FileArrival> arrivals;
    private final FileSources sources;
    private final Executor ioExecutor;
    private final AsyncCalls<String, Sha256.Digest> hashing;
    private final Retries<String> retries;
    private final Duration interval;
    private final DeadLetterBreaker breaker;
    private final PipelineMetrics metrics;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, FileArrival> pending;
    private CallLoop loop;

    public HashFilesProcessor(Deserializer<FileArrival> arrivals, FileSources sources, Executor ioExecutor,
                              int maxInFlight, Backoff backoff, Duration interval, DeadLetterBreaker breaker,
                              PipelineMetrics metrics) {
        this.arrivals = arrivals;
        this.sources = sources;
        this.ioExecutor = ioExecutor;
        this.hashing = new AsyncCalls<>(maxInFlight);
        this.retries = new Retries<>(backoff);
        this.interval = interval;
        this.breaker = breaker;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.pending = context.getStateStore(SubmitterNames.PENDING_HASHES_STORE);
        this.loop = CallLoop.every(context, interval, this::drain, this::dispatch);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        metrics.eventIn();
        Optional<FileArrival> event = readEvent(record, now);
        if (event.isEmpty()) {
            return;
        }
        FileArrival arrival = event.get();
        String invalid = validate(arrival);
        if (invalid != null) {
            deadLetter(record, arrival.getEventId(), DeadLetters.INVALID_EVENT, invalid, now);
            return;
        }
        breaker.record(false, null);
        if (arrival.getSize() != null && arrival.getSize() == 0) {
            forwardOutcome(arrival.getEventId(), Outcomes.withoutHash(arrival, OutcomeStatus.SKIPPED, "empty file (0 bytes): nothing to scan", now));
            return;
        }
        if (arrival.getSha256() != null && arrival.getSize() != null) {
            // the storage system already told us the hash: no need to read the object now
            forwardRequest(arrival, arrival.getSha256().toLowerCase(Locale.ROOT), arrival.getSize(), now);
            return;
        }
        pending.put(arrival.getEventId(), arrival);
        // completions are handed over now, and this event starts hashing now if there is room; the punctuator
        // takes care of the rest without scanning the store on every record
        drain(now.toEpochMilli());
        if (hashing.hasCapacity()) {
            hashing.dispatch(arrival.getEventId(), () -> CompletableFuture.supplyAsync(() -> hash(arrival), ioExecutor));
            drain(now.toEpochMilli());
        }
    }

    private Optional<FileArrival> readEvent(Record<String, byte[]> record, Instant now) {
        if (record.value() == null) {
            deadLetter(record, record.key(), DeadLetters.INVALID_EVENT, "empty record: a file-arrival event has no value", now);
            return Optional.empty();
        }
        if (record.value().length > MAX_EVENT_BYTES) {
            deadLetter(record, record.key(), DeadLetters.INVALID_EVENT, "event of " + record.value().length
                    + " bytes is larger than the " + MAX_EVENT_BYTES + " bytes a file-arrival event may have", now);
            return Optional.empty();
        }
        try {
            String topic = context.recordMetadata().map(m -> m.topic()).orElse(SubmitterNames.INPUT_FALLBACK_TOPIC);
            return Optional.of(arrivals.deserialize(topic, record.value()));
        } catch (RuntimeException e) {
            deadLetter(record, record.key(), DeadLetters.UNDESERIALIZABLE, "cannot deserialize the file-arrival event: " + e.getMessage(), now);
            return Optional.empty();
        }
    }

    /** Returns why the event is invalid, or null. */
    static String validate(FileArrival arrival) {
        if (arrival.getEventId() == null || arrival.getEventId().isBlank()) {
            return "eventId is missing or blank";
        }
        if (arrival.getEventId().length() > 512) {
            return "eventId is longer than 512 characters";
        }
        try {
            URI uri = FileSources.parse(arrival.getUri());
            if (uri.toString().length() > 8192) {
                return "uri is longer than 8192 characters";
            }
        } catch (SourceException e) {
            return e.getMessage();
        }
        if (arrival.getSha256() != null && !Sha256.isValid(arrival.getSha256())) {
            return "sha256 '" + abbreviate(arrival.getSha256()) + "' is not 64 hexadecimal characters";
        }
        if (arrival.getSize() != null && arrival.getSize() < 0) {
            return "size must not be negative, got " + arrival.getSize();
        }
        return null;
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }

    private void dispatch(long nowMs) {
        if (!hashing.hasCapacity()) {
            return;
        }
        try (KeyValueIterator<String, FileArrival> it = pending.all()) {
            while (it.hasNext() && hashing.hasCapacity()) {
                KeyValue<String, FileArrival> entry = it.next();
                if (!hashing.isInFlight(entry.key) && !retries.isWaiting(entry.key, nowMs)) {
                    FileArrival arrival = entry.value;
                    hashing.dispatch(entry.key, () -> CompletableFuture.supplyAsync(() -> hash(arrival), ioExecutor));
                }
            }
        }
    }

    private Sha256.Digest hash(FileArrival arrival) {
        try {
            return sources.hash(sources.resolve(FileSources.parse(arrival.getUri())));
        } catch (SourceException e) {
            throw new CompletionException(e);
        }
    }

    private void drain(long nowMs) {
        hashing.drain((eventId, result) -> complete(eventId, result, nowMs));
    }

    private void complete(String eventId, CallResult<Sha256.Digest> result, long nowMs) {
        FileArrival arrival = pending.get(eventId);
        if (arrival == null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(nowMs);
        if (result instanceof CallResult.Success<Sha256.Digest> success) {
            Sha256.Digest digest = success.value();
            if (arrival.getSha256() != null && !arrival.getSha256().equalsIgnoreCase(digest.sha256())) {
                finish(eventId, Outcomes.withoutHash(arrival, OutcomeStatus.FAILED, "content sha256 " + digest.sha256()
                        + " does not match the event's sha256 " + arrival.getSha256() + " (the object changed?)", now));
                return;
            }
            if (digest.size() == 0) {
                finish(eventId, Outcomes.withoutHash(arrival, OutcomeStatus.SKIPPED, "empty file (0 bytes): nothing to scan", now));
                return;
            }
            pending.delete(eventId);
            retries.forget(eventId);
            forwardRequest(arrival, digest.sha256(), digest.size(), now);
            return;
        }
        CallResult.Failure<Sha256.Digest> failure = (CallResult.Failure<Sha256.Digest>) result;
        if (failure.error() instanceof SourceException source) {
            switch (source.kind()) {
                case UNSUPPORTED -> finish(eventId, Outcomes.withoutHash(arrival, OutcomeStatus.SKIPPED, source.getMessage(), now));
                case INVALID, NOT_FOUND -> finish(eventId, Outcomes.withoutHash(arrival, OutcomeStatus.FAILED, source.getMessage(), now));
                case UNREADABLE -> retryOrFail(eventId, arrival, source.getMessage(), nowMs);
            }
            return;
        }
        retryOrFail(eventId, arrival, failure.describe(), nowMs);
    }

    private void retryOrFail(String eventId, FileArrival arrival, String reason, long nowMs) {
        int failures = retries.recordFailure(eventId, nowMs, Optional.empty());
        if (failures >= MAX_READ_ATTEMPTS) {
            finish(eventId, Outcomes.withoutHash(arrival, OutcomeStatus.FAILED,
                    "source unreadable after " + failures + " attempts: " + reason, Instant.ofEpochMilli(nowMs)));
        } else {
            LOG.warn("event {}: reading the source failed ({}), retrying", eventId, reason);
        }
    }

    private void finish(String eventId, SpecificRecord outcome) {
        pending.delete(eventId);
        retries.forget(eventId);
        forwardOutcome(eventId, outcome);
    }

    private void forwardOutcome(String eventId, SpecificRecord outcome) {
        context.forward(new Record<>(eventId, outcome, context.currentSystemTimeMs()), SubmitterNames.HASH_TO_OUTCOMES);
    }

    private void forwardRequest(FileArrival arrival, String sha256, long size, Instant now) {
        ScanRequest request = ScanRequest.newBuilder()
                .setEvent(arrival)
                .setSha256(sha256)
                .setSize(size)
                .setAttempt(1)
                .setPreviousFlowIds(List.of())
                .setLastFailureReason(null)
                .setHashedAt(now)
                .setFirstSubmittedAt(null)
                .build();
        context.forward(new Record<>(sha256, (SpecificRecord) request, now.toEpochMilli()), SubmitterNames.TO_SCAN_REQUESTS);
    }

    private void deadLetter(Record<String, byte[]> record, String eventId, String type, String reason, Instant now) {
        LOG.warn("dead-lettering input record (event {}): {}", eventId, reason);
        breaker.record(true, reason);
        metrics.deadLetter(type);
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        SpecificRecord letter = DeadLetters.of(SubmitterNames.STAGE_NAME, eventId, type, reason,
                context.recordMetadata().orElse(null), key, record.value(), now);
        context.forward(new Record<>(eventId, letter, now.toEpochMilli()), SubmitterNames.TO_DEAD_LETTERS);
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
        hashing.close();
    }
}
