package io.sandboxpipeline.core.async;

import java.time.Duration;
import java.util.function.LongConsumer;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The wall-clock loop of every processor that calls the Sandbox, so no stream thread waits on HTTP: every interval
 * it applies the calls that completed, starts what may start now, and applies what completed meanwhile (a cached or
 * immediate answer lands in the same tick). Stopped with {@link #close()} when the processor closes.
 */
public final class CallLoop implements AutoCloseable {

    private final Cancellable punctuation;

    private CallLoop(Cancellable punctuation) {
        this.punctuation = punctuation;
    }

    /**
     * Schedules the loop on {@code context}'s wall clock.
     *
     * @param drain    applies the completed calls (on the stream thread)
     * @param dispatch starts the calls that may start now
     */
    public static CallLoop every(ProcessorContext<?, ?> context, Duration interval, LongConsumer drain,
                                 LongConsumer dispatch) {
        return new CallLoop(context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, nowMs -> {
            drain.accept(nowMs);
            dispatch.accept(nowMs);
            drain.accept(nowMs);
        }));
    }

    /** As {@link #every}, with the tick written by the processor (e.g. one that dispatches again after completions). */
    public static CallLoop custom(ProcessorContext<?, ?> context, Duration interval, LongConsumer tick) {
        return new CallLoop(context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, tick::accept));
    }

    @Override
    public void close() {
        punctuation.cancel();
    }
}
