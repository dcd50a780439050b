package io.sandboxpipeline.tools.replay;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Progress as a line every few seconds, for output that is not a terminal (a log file, CI): files and bytes done,
 * the rate of this attempt and the time left at that rate.
 */
final class LineProgress implements ReplayProgress {

    private final PrintWriter out;
    private final Clock clock;
    private final Duration every;
    private long totalFiles;
    private long totalBytes;
    private long files;
    private long bytes;
    private long filesAtStart;
    private Instant started;
    private Instant lastLine;

    LineProgress(PrintWriter out, Clock clock, Duration every) {
        this.out = out;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public void start(long totalFiles, long totalBytes, long doneFiles, long doneBytes) {
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
        this.files = doneFiles;
        this.bytes = doneBytes;
        this.filesAtStart = doneFiles;
        this.started = clock.instant();
        this.lastLine = started;
    }

    @Override
    public void advance(long fileBytes) {
        files++;
        bytes += fileBytes;
        Instant now = clock.instant();
        if (Duration.between(lastLine, now).compareTo(every) >= 0) {
            lastLine = now;
            out.println(line(now));
            out.flush();
        }
    }

    @Override
    public void close() {
        if (started != null) {
            out.println(line(clock.instant()));
            out.flush();
        }
    }

    String line(Instant now) {
        double seconds = Math.max(Duration.between(started, now).toMillis(), 1) / 1000.0;
        double rate = (files - filesAtStart) / seconds;
        String eta = rate > 0 && files < totalFiles ? formatDuration(Math.round((totalFiles - files) / rate)) : "-";
        return String.format(Locale.ROOT, "  published %d/%d files (%.0f%%), %s of %s, %.1f files/s, ETA %s",
                files, totalFiles, totalFiles == 0 ? 100.0 : 100.0 * files / totalFiles, ByteSize.format(bytes),
                ByteSize.format(totalBytes), rate, eta);
    }

    static String formatDuration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format(Locale.ROOT, "%02ds", seconds % 60);
        }
        return seconds / 3600 + "h" + String.format(Locale.ROOT, "%02dm", seconds % 3600 / 60);
    }
}
