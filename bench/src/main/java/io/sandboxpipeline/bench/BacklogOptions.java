package io.sandboxpipeline.bench;

import io.sandboxpipeline.tools.cli.DataSizeConverter;
import io.sandboxpipeline.tools.cli.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The {@code --backlog-*} options of {@code bench}, read only by {@code --mode backlog}. */
final class BacklogOptions {

    @Option(names = "--backlog-events", defaultValue = "100000",
            description = "Replay events of the backlog mode, each a distinct content. Default: ${DEFAULT-VALUE}.")
    int events;

    @Option(names = "--backlog-small", defaultValue = "1000",
            description = "Backlog events pending in the small window. Default: ${DEFAULT-VALUE}.")
    int smallEvents;

    @Option(names = "--backlog-quota", defaultValue = "5", paramLabel = "RATE",
            description = "Uploads per second: the pipeline's quota.upload.per.second (overrides --set) and the "
                    + "emulator's upload quota. Default: ${DEFAULT-VALUE}.")
    double quota;

    @Option(names = "--backlog-sandbox-quota", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "The emulator answers uploads beyond --backlog-quota with 429, as a licence would "
                    + "(--no-backlog-sandbox-quota: only the pipeline's own limiter holds it). Default: ${DEFAULT-VALUE}.")
    boolean sandboxEnforces;

    @Option(names = "--backlog-live-interval", defaultValue = "2s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Pause between two live events. Default: ${DEFAULT-VALUE}.")
    Duration liveInterval;

    @Option(names = "--backlog-idle", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Live events only, before any backlog: the reference latency. Default: ${DEFAULT-VALUE}.")
    Duration idle;

    @Option(names = "--backlog-window", defaultValue = "30s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Length of the small and the large window. Default: ${DEFAULT-VALUE}.")
    Duration window;

    @Option(names = "--backlog-ingest-timeout", defaultValue = "120s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Longest wait for the submitter to read a published part of the "
            + "backlog (the window is measured anyway, and the run reported incomplete). Default: ${DEFAULT-VALUE}.")
    Duration ingestTimeout;

    @Option(names = "--backlog-drain-timeout", defaultValue = "60s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Longest wait after the large window for the last live verdicts. "
            + "Default: ${DEFAULT-VALUE}.")
    Duration drainTimeout;

    @Option(names = "--backlog-file-size", defaultValue = "256", converter = DataSizeConverter.class,
            paramLabel = "SIZE", description = "Size of every generated file. Default: ${DEFAULT-VALUE} bytes.")
    long fileSize;

    /** The validated spec; {@code seed} is the bench's {@code --seed}. */
    BacklogSpec spec(long seed) {
        if (fileSize > 1 << 20) {
            throw new IllegalArgumentException("--backlog-file-size must be at most 1 MiB, but was " + fileSize);
        }
        return new BacklogSpec(events, smallEvents, quota, sandboxEnforces, liveInterval, idle, window, ingestTimeout,
                drainTimeout, (int) fileSize, seed);
    }
}
