package io.sandboxpipeline.tools.replay;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Publishes a run's events in the listing's order at a limited rate, and moves the checkpoint forward about once a
 * second, each time after the producer flushed: the checkpoint never counts an event that is not stored.
 *
 * <p>A stop request (Ctrl-C) ends the loop between two events with a last flush and checkpoint, so the resume starts
 * exactly after the last published file. After a crash the checkpoint may lag behind what was stored; the resume then
 * reads {@code file-arrivals} from the offsets the checkpoint recorded and skips the events it finds there, so no
 * file is published twice either way.
 */
final class ReplayPublisher {

    /**
     * How publishing ended.
     *
     * @param position         how many files of the listing are published now (the checkpoint's count)
     * @param sent             events sent by this attempt
     * @param alreadyPublished events found on the topic after the checkpoint (published before a crash) and not sent again
     * @param stopped          whether a stop request ended publishing before the end of the listing
     */
    record Result(long position, long sent, long alreadyPublished, boolean stopped) {
    }

    private final ArrivalLog log;
    private final CheckpointFile checkpoints;
    private final Pacer pacer;
    private final Clock clock;
    private final BooleanSupplier stopRequested;
    private final int checkpointEvery;
    private final Duration checkpointInterval;

    /**
     * @param checkpointEvery    at most this many events between two checkpoints
     * @param checkpointInterval at most this long between two checkpoints
     */
    ReplayPublisher(ArrivalLog log, CheckpointFile checkpoints, Pacer pacer, Clock clock, BooleanSupplier stopRequested,
                    int checkpointEvery, Duration checkpointInterval) {
        this.log = Objects.requireNonNull(log, "log");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stopRequested = Objects.requireNonNull(stopRequested, "stopRequested");
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1, got " + checkpointEvery);
        }
        this.checkpointEvery = checkpointEvery;
        this.checkpointInterval = Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    }

    /**
     * Checks that a checkpoint belongs to this run and that the listing still starts with the files it counts.
     *
     * @throws ReplayException when it does not, with what to do
     */
    static void checkResumable(Checkpoint checkpoint, RunId run, String source, List<ReplayEvent> events) {
        if (!checkpoint.runId().equals(run)) {
            throw new ReplayException("the checkpoint is for run " + checkpoint.runId() + ", not " + run
                    + ": pass --run-id " + checkpoint.runId() + " or another --checkpoint");
        }
        if (!checkpoint.source().equals(source)) {
            throw new ReplayException("run " + run + " replays " + checkpoint.source() + ", not " + source
                    + ": resume it with that source, or start a new run with another --run-id");
        }
        if (checkpoint.published() > events.size()
                || !ListingDigest.of(events, checkpoint.published()).equals(checkpoint.listingDigest())) {
            throw new ReplayException("the source changed since run " + run + " started: its first " + checkpoint.published()
                    + " files (up to " + checkpoint.lastUri() + ") are not what was published. Files were added, removed or "
                    + "renamed among them; start a new run with another --run-id (cached verdicts are reused)");
        }
    }

    Result publish(RunId run, String source, List<ReplayEvent> events, Optional<Checkpoint> resumeFrom, ReplayProgress progress)
            throws IOException {
        long start = resumeFrom.map(Checkpoint::published).orElse(0L);
        ListingDigest digest = new ListingDigest();
        events.stream().limit(start).forEach(digest::add);
        Set<String> alreadyThere = resumeFrom.isPresent()
                ? log.publishedSince(resumeFrom.get().arrivalOffsets(), idsFrom(events, start))
                : Set.of();
        if (resumeFrom.isEmpty()) {
            // before the first event: a crash before the next checkpoint then still knows where to look on resume
            checkpoint(run, source, events, 0, digest);
        }
        long doneBytes = events.stream().limit(start).mapToLong(ReplayPublisher::bytes).sum();
        progress.start(events.size(), events.stream().mapToLong(ReplayPublisher::bytes).sum(), start, doneBytes);
        long position = start;
        long checkpointed = start;
        Instant lastCheckpoint = clock.instant();
        long sent = 0;
        long found = 0;
        boolean stopped = false;
        try {
            while (position < events.size()) {
                if (stopRequested.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    stopped = true;
                    break;
                }
                ReplayEvent event = events.get((int) position);
                if (alreadyThere.contains(event.eventId())) {
                    found++;
                } else {
                    pacer.acquire();
                    log.send(event.eventId(), event.arrival(run));
                    sent++;
                }
                digest.add(event);
                position++;
                progress.advance(bytes(event));
                if (position - checkpointed >= checkpointEvery
                        || Duration.between(lastCheckpoint, clock.instant()).compareTo(checkpointInterval) >= 0) {
                    checkpoint(run, source, events, position, digest);
                    checkpointed = position;
                    lastCheckpoint = clock.instant();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            progress.close();
        }
        if (position != checkpointed) {
            checkpoint(run, source, events, position, digest);
        }
        return new Result(position, sent, found, stopped);
    }

    private void checkpoint(RunId run, String source, List<ReplayEvent> events, long position, ListingDigest digest) throws IOException {
        log.flush();
        String lastUri = position == 0 ? null : events.get((int) position - 1).file().uri();
        checkpoints.write(new Checkpoint(run, source, position, lastUri, digest.value(), log.endOffsets(), clock.instant()));
    }

    private static Set<String> idsFrom(List<ReplayEvent> events, long start) {
        Set<String> ids = new HashSet<>();
        events.subList((int) start, events.size()).forEach(e -> ids.add(e.eventId()));
        return ids;
    }

    private static long bytes(ReplayEvent event) {
        return event.file().knownSize().orElse(0L);
    }
}
