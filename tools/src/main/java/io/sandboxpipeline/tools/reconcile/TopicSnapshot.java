package io.sandboxpipeline.tools.reconcile;

import java.time.Duration;
import java.util.List;

/**
 * Everything read from the three topics, up to the end offsets taken when reading started.
 *
 * @param inputs     the input topic's records
 * @param terminals  the verdicts' and dead letters' records, in that order
 * @param partitions how many partitions were read, over the three topics
 * @param took       how long reading took
 */
public record TopicSnapshot(List<InputRecord> inputs, List<TerminalRecord> terminals, int partitions, Duration took) {

    public TopicSnapshot {
        inputs = List.copyOf(inputs);
        terminals = List.copyOf(terminals);
    }

    /** Input records whose value could not be read as a {@code FileArrival} with an eventId. */
    public long unreadableInputs() {
        return inputs.stream().filter(r -> !r.readable()).count();
    }

    /** Terminal records whose value could not be read (counted by their key). */
    public long unreadableTerminals() {
        return terminals.stream().filter(t -> !t.readable()).count();
    }
}
