package io.sandboxpipeline.runtime.watch;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decides when a seen file is complete: its size and modification time have stayed the same for the quiet period
 * (a file written slowly keeps changing and waits), or it was last modified longer ago than that when first seen (a
 * file moved or copied in with its times kept counts at once). A file whose content the checkpoint already holds is
 * not ready again; one whose size or time changed is.
 */
final class ReadyFiles {

    private final Clock clock;
    private final Duration quietPeriod;
    private final WatchCheckpoint checkpoint;
    private final Map<Path, Seen> seen = new HashMap<>();

    private record Seen(WatchedFile file, Instant since) {
    }

    ReadyFiles(Clock clock, Duration quietPeriod, WatchCheckpoint checkpoint) {
        this.clock = clock;
        this.quietPeriod = quietPeriod;
        this.checkpoint = checkpoint;
    }

    /** Records what a scan found of a file. */
    void observe(WatchedFile file) {
        if (checkpoint.holds(file)) {
            seen.remove(file.path());
            return;
        }
        Seen before = seen.get(file.path());
        if (before == null || !before.file().sameContentAs(file)) {
            Instant now = clock.instant();
            boolean settledAlready = now.toEpochMilli() - file.modifiedMillis() >= quietPeriod.toMillis();
            seen.put(file.path(), new Seen(file, settledAlready ? now.minus(quietPeriod) : now));
        }
    }

    /** A file that is gone is forgotten (and published no more). */
    void gone(Path path) {
        seen.remove(path);
    }

    /** The files that have been quiet for the quiet period, taken out of the waiting set. */
    List<WatchedFile> takeReady() {
        Instant now = clock.instant();
        List<WatchedFile> ready = new ArrayList<>();
        for (Iterator<Seen> it = seen.values().iterator(); it.hasNext(); ) {
            Seen entry = it.next();
            if (!entry.since().plus(quietPeriod).isAfter(now)) {
                ready.add(entry.file());
                it.remove();
            }
        }
        ready.sort((a, b) -> a.path().compareTo(b.path()));
        return ready;
    }

    int waiting() {
        return seen.size();
    }
}
