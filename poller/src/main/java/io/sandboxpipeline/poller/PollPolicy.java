package io.sandboxpipeline.poller;

import io.sandboxpipeline.core.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * When a flow is polled next. The Workflow Guide recommends polling every 2 seconds and the service answers with a
 * {@code pollPause} (seconds): no poll ever comes sooner than {@code max(minInterval, pollPause)} after the previous
 * one. Short scans are polled at that pace; after {@code pollsBeforeBackoff} polls the interval grows by
 * {@code backoffFactor} per poll up to {@code maxInterval}, so long scans cost few requests. A flow still unfinished at
 * {@code submittedAt + scanDeadline} ends as timed out.
 *
 * @param minInterval        lower bound between two polls; at least 2 s, the service's recommended pace
 * @param maxInterval        upper bound of the grown interval
 * @param pollsBeforeBackoff polls at the base pace before the interval starts to grow
 * @param backoffFactor      growth per poll after that (1 disables growth)
 * @param scanDeadline       how long a flow may take from submission before it times out
 */
public record PollPolicy(Duration minInterval, Duration maxInterval, int pollsBeforeBackoff, double backoffFactor,
                         Duration scanDeadline) {

    /** The Workflow Guide's "recommended polling frequency is 2 seconds". */
    public static final Duration SERVICE_MINIMUM = Duration.ofSeconds(2);

    public PollPolicy {
        if (minInterval.compareTo(SERVICE_MINIMUM) < 0) {
            throw new ConfigException("poller.min.poll.interval must be at least 2s (the Sandbox's recommended polling pace), got " + minInterval);
        }
        if (maxInterval.compareTo(minInterval) < 0) {
            throw new ConfigException("poller.max.poll.interval must be at least poller.min.poll.interval, got " + maxInterval);
        }
        if (pollsBeforeBackoff < 0) {
            throw new ConfigException("poller.polls.before.backoff must not be negative, got " + pollsBeforeBackoff);
        }
        if (backoffFactor < 1.0) {
            throw new ConfigException("poller.backoff.factor must be at least 1.0, got " + backoffFactor);
        }
        if (scanDeadline.isNegative() || scanDeadline.isZero()) {
            throw new ConfigException("poller.scan.deadline must be positive, got " + scanDeadline);
        }
    }

    public static PollPolicy defaults() {
        return new PollPolicy(SERVICE_MINIMUM, Duration.ofSeconds(30), 15, 1.5, Duration.ofMinutes(30));
    }

    /** The first poll of a new flow: one base interval after submission. */
    public Instant firstPoll(Instant submittedAt) {
        return submittedAt.plus(minInterval);
    }

    public Instant deadline(Instant submittedAt) {
        return submittedAt.plus(scanDeadline);
    }

    /**
     * The wait after poll number {@code pollCount} (1 for the first poll made).
     *
     * @param pollPause the service's {@code pollPause} from the last answer, if it gave one
     */
    public Duration nextDelay(int pollCount, OptionalInt pollPause) {
        long base = Math.max(minInterval.toMillis(), pollPause.isPresent() ? pollPause.getAsInt() * 1000L : 0L);
        int grown = pollCount - pollsBeforeBackoff;
        if (grown <= 0 || backoffFactor == 1.0) {
            return Duration.ofMillis(base);
        }
        double delay = minInterval.toMillis() * Math.pow(backoffFactor, grown);
        long capped = (long) Math.min(delay, (double) maxInterval.toMillis());
        return Duration.ofMillis(Math.max(base, capped));
    }
}
