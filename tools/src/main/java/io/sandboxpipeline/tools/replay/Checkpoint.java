package io.sandboxpipeline.tools.replay;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How far a run has published, written after the producer flushed: the first {@code published} files of the
 * source's listing are on {@code file-arrivals}.
 *
 * @param runId           the run
 * @param source          the source as the user named it (a resume must name the same one)
 * @param published       how many files of the listing, from its start, are published
 * @param lastUri         the uri of the last published file (for people reading the file); null when none
 * @param listingDigest   SHA-256 over the uris of the first {@code published} files: a resume whose listing starts
 *                        differently (files added, removed or renamed in between) is refused instead of skipping or
 *                        repeating files
 * @param arrivalOffsets  end offsets of {@code file-arrivals} partitions when this was written: a resume after a crash
 *                        reads from here to find files published after the checkpoint, and does not publish them again
 * @param updatedAt       when this was written
 */
public record Checkpoint(RunId runId, String source, long published, String lastUri, String listingDigest,
                         Map<Integer, Long> arrivalOffsets, Instant updatedAt) {

    public Checkpoint {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(listingDigest, "listingDigest");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (published < 0) {
            throw new IllegalArgumentException("published must be zero or more, got " + published);
        }
        arrivalOffsets = Map.copyOf(new TreeMap<>(arrivalOffsets));
    }
}
