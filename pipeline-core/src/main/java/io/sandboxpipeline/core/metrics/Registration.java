package io.sandboxpipeline.core.metrics;

/** Something registered with the metrics that its owner ends when it goes away (a processor closing, a stage stopping). */
public interface Registration extends AutoCloseable {

    /** Ends the registration; safe to call more than once. */
    @Override
    void close();
}
