package io.sandboxpipeline.tools.replay;

import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.EnrichedVerdict;

/**
 * The terminal record of one replayed event: its verdict, or the dead letter it ended in.
 *
 * @param verdict    the verdict; null for a dead letter
 * @param deadLetter the dead letter; null for a verdict
 */
public record EventOutcome(EnrichedVerdict verdict, DeadLetter deadLetter) {

    public EventOutcome {
        if ((verdict == null) == (deadLetter == null)) {
            throw new IllegalArgumentException("an event ends in exactly one of a verdict or a dead letter");
        }
    }

    public static EventOutcome of(EnrichedVerdict verdict) {
        return new EventOutcome(verdict, null);
    }

    public static EventOutcome of(DeadLetter deadLetter) {
        return new EventOutcome(null, deadLetter);
    }
}
