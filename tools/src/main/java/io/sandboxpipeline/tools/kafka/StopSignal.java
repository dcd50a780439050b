package io.sandboxpipeline.tools.kafka;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (or SIGTERM) as a request to stop: a shutdown hook raises the flag, then holds the JVM open until the command
 * says it is done (at most 30 seconds), so publishing can flush and write its checkpoint before exit (and
 * {@code verdicts --follow} can flush its last line).
 */
public final class StopSignal implements AutoCloseable {

    private static final long GRACE_SECONDS = 30;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private StopSignal(boolean onShutdown) {
        if (onShutdown) {
            hook = new Thread(this::stopAndWait, "sandbox-pipeline-replay-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        } else {
            hook = null;
        }
    }

    /** Raised by the JVM's shutdown (Ctrl-C, SIGTERM) or by {@link #request()}. */
    public static StopSignal onShutdown() {
        return new StopSignal(true);
    }

    /** Raised only by {@link #request()}. */
    public static StopSignal manual() {
        return new StopSignal(false);
    }

    private void stopAndWait() {
        requested.set(true);
        try {
            done.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void request() {
        requested.set(true);
    }

    public boolean requested() {
        return requested.get();
    }

    /** The command is done: a shutdown in progress may finish now. */
    @Override
    public void close() {
        done.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that done is counted down
            }
        }
    }
}
