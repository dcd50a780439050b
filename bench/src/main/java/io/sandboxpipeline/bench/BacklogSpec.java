package io.sandboxpipeline.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * The backlog measurement: a replay backlog of {@code events} distinct contents waits behind an upload quota while live
 * events arrive at a steady rate. The submitter is measured twice over {@code window}: with about {@code smallEvents}
 * of the backlog pending, then with all of it.
 *
 * @param events        replay events of the whole backlog, each with its own content whose sha256 and size it carries
 * @param smallEvents   the part of the backlog published first, for the small window
 * @param quota         uploads per second: the pipeline's {@code quota.upload.per.second} and, when
 *                      {@code sandboxEnforces}, the emulator's upload quota too
 * @param sandboxEnforces whether the emulator answers uploads beyond {@code quota} with 429 (as a licence would)
 * @param liveInterval  the pause between two live events
 * @param idle          how long live events run before any backlog (their latency is the idle reference)
 * @param window        the length of each measured window
 * @param ingestTimeout longest wait for the submitter to read a published part of the backlog
 * @param drainTimeout  longest wait, after the large window, for the verdicts of the last live events
 * @param fileSize      bytes of every generated file
 * @param seed          seed of the generated contents
 */
record BacklogSpec(int events, int smallEvents, double quota, boolean sandboxEnforces, Duration liveInterval,
                   Duration idle, Duration window, Duration ingestTimeout, Duration drainTimeout, int fileSize,
                   long seed) {

    BacklogSpec {
        if (smallEvents < 1) {
            throw new IllegalArgumentException("--backlog-small must be at least 1, but was " + smallEvents);
        }
        if (events <= smallEvents) {
            throw new IllegalArgumentException("--backlog-events must be more than --backlog-small (" + smallEvents
                    + "), but was " + events);
        }
        if (!(quota > 0) || Double.isInfinite(quota)) {
            throw new IllegalArgumentException("--backlog-quota must be a positive number of uploads per second, but was "
                    + quota);
        }
        requirePositive("--backlog-live-interval", liveInterval);
        requirePositive("--backlog-idle", idle);
        requirePositive("--backlog-window", window);
        requirePositive("--backlog-ingest-timeout", ingestTimeout);
        requirePositive("--backlog-drain-timeout", drainTimeout);
        if (fileSize < 64) {
            throw new IllegalArgumentException("--backlog-file-size must be at least 64 bytes (room for what makes each "
                    + "content distinct), but was " + fileSize);
        }
    }

    private static void requirePositive(String option, Duration duration) {
        Objects.requireNonNull(duration, option + " must not be null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(option + " must be positive, but was " + duration);
        }
    }
}
