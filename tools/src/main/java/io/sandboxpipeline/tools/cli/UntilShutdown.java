package io.sandboxpipeline.tools.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running command alive until the JVM shuts down (Ctrl-C, SIGTERM) or the calling thread is
 * interrupted, and closes its resource exactly once either way.
 */
public final class UntilShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(UntilShutdown.class);

    private UntilShutdown() {
    }

    /** Blocks until shutdown or interruption; {@code resource} is closed before this returns or the JVM exits. */
    public static void await(AutoCloseable resource, String name) {
        AtomicBoolean closed = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable closeOnce = () -> {
            if (closed.compareAndSet(false, true)) {
                closeQuietly(resource, name);
            }
            stopped.countDown();
        };
        Thread hook = new Thread(closeOnce, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            removeHook(hook);
            closeOnce.run();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or has run
        }
    }

    private static void closeQuietly(AutoCloseable resource, String name) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed", name, e);
        }
    }
}
