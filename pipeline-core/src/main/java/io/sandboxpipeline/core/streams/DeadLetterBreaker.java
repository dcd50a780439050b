package io.sandboxpipeline.core.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses a stage when the share of dead-lettered input spikes: a few bad records are normal and each gets its dead
 * letter, but when most of what arrives is unusable (a producer started writing another format, a schema registry was
 * swapped), dead-lettering the whole stream at full speed helps nobody. Over the last {@code window} input records, once
 * at least {@code minRecords} were seen, a dead-letter share above {@code maxShare} trips the breaker: the listener
 * pauses the stage for a cooldown (doubling up to an hour while it keeps tripping), then it resumes by itself and the
 * window starts afresh. Nothing is lost while paused: the records wait in Kafka.
 *
 * <p>Thread-safe: every stream thread of the stage reports to the same breaker.
 */
public final class DeadLetterBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterBreaker.class);
    private static final Duration MAX_COOLDOWN = Duration.ofHours(1);

    private final int window;
    private final int minRecords;
    private final double maxShare;
    private final Duration firstCooldown;
    private final Deque<Boolean> recent = new ArrayDeque<>();
    private int deadLettered;
    private int trips;
    private volatile Consumer<Duration> onTrip = cooldown -> { };

    public DeadLetterBreaker(int window, int minRecords, double maxShare, Duration firstCooldown) {
        if (window < 1 || minRecords < 1 || minRecords > window) {
            throw new IllegalArgumentException("need 1 <= minRecords <= window, got " + minRecords + " and " + window);
        }
        if (maxShare <= 0 || maxShare > 1) {
            throw new IllegalArgumentException("maxShare must be in (0, 1], got " + maxShare);
        }
        this.window = window;
        this.minRecords = minRecords;
        this.maxShare = maxShare;
        this.firstCooldown = firstCooldown;
    }

    /** Never trips: for stages and tests that do not want it. */
    public static DeadLetterBreaker disabled() {
        return new DeadLetterBreaker(1, 1, 1.0, Duration.ofSeconds(1));
    }

    /** Who pauses the stage when the breaker trips (given the cooldown). */
    public void onTrip(Consumer<Duration> listener) {
        this.onTrip = listener;
    }

    /** Reports one input record; {@code reason} is logged when this record trips the breaker. */
    public void record(boolean wasDeadLettered, String reason) {
        Duration cooldown = null;
        int share;
        synchronized (this) {
            recent.addLast(wasDeadLettered);
            if (wasDeadLettered) {
                deadLettered++;
            }
            if (recent.size() > window && recent.removeFirst()) {
                deadLettered--;
            }
            share = (int) Math.round(100.0 * deadLettered / recent.size());
            if (recent.size() >= minRecords && deadLettered > maxShare * recent.size()) {
                trips++;
                cooldown = Duration.ofMillis(Math.min(firstCooldown.toMillis() << Math.min(trips - 1, 20), MAX_COOLDOWN.toMillis()));
                recent.clear();
                deadLettered = 0;
            } else if (recent.size() >= minRecords && deadLettered == 0) {
                trips = 0;
            }
        }
        if (cooldown != null) {
            LOG.error("{}% of the last input records were dead-lettered (latest: {}); pausing the stage for {} s. "
                    + "Check what writes to the input topic; the records wait in Kafka.", share, reason, cooldown.toSeconds());
            onTrip.accept(cooldown);
        }
    }
}
