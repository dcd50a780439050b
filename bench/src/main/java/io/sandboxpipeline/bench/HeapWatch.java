package io.sandboxpipeline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peak heap of one phase. Two readings: the largest "heap used" sampled every few milliseconds (what the heap
 * really held at once, garbage not yet collected included), and the sum of every heap pool's peak since the phase
 * began (the JVM's own record, which misses nothing between samples but adds up pool peaks that may have happened
 * at different times, so it can only over-state).
 */
final class HeapWatch implements AutoCloseable {

    /** The two readings, in bytes. */
    record Peak(long sampledBytes, long poolPeaksBytes, long startBytes) {
    }

    private static final long SAMPLE_EVERY_MS = 5;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> heapPools;
    private final ScheduledExecutorService sampler;
    private final AtomicLong peak = new AtomicLong();
    private final long startBytes;

    private HeapWatch() {
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid())
                .toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        this.startBytes = memory.getHeapMemoryUsage().getUsed();
        peak.set(startBytes);
        this.sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-heap-watch");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * The heap still in use right after a full collection ({@link System#gc()}, twice, so that what the first one
     * only made collectable is gone too): what the JVM retains, without the garbage a sample of "heap used" also
     * counts. A JVM started with {@code -XX:+DisableExplicitGC} ignores the request, and this reads what is there.
     */
    static long retainedBytes() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Resets the pools' peaks and starts sampling. */
    static HeapWatch start() {
        return new HeapWatch();
    }

    private void sample() {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    }

    /** Stops sampling and returns the phase's peak. */
    Peak stop() {
        sampler.shutdownNow();
        sample();
        long poolPeaks = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new Peak(peak.get(), poolPeaks, startBytes);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
