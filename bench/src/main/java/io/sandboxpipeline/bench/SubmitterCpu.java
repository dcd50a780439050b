package io.sandboxpipeline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * CPU time of the submitter stage's Kafka Streams stream threads (the threads that run its processors and
 * punctuators, named by Kafka Streams {@code <application.id>-<process id>-StreamThread-<n>}), per wall second between
 * two readings. The submitter's worker pool (file hashing, HTTP calls), the other stages, the broker and the emulator
 * are not included: the figure is what the submitter's own scheduling costs.
 */
final class SubmitterCpu {

    /** CPU nanoseconds of each stream thread, by thread id, at one moment. */
    record Reading(long wallNanos, Map<Long, Long> cpuNanosByThread) {
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Supplier<Set<String>> threadNames;

    /** @param threadNames the names of the stream threads now (asked again at every reading) */
    SubmitterCpu(Supplier<Set<String>> threadNames) {
        if (!threads.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure the CPU time of a thread");
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        this.threadNames = threadNames;
    }

    Reading read() {
        Set<String> names = threadNames.get();
        Map<Long, Long> cpu = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (names.contains(thread.getName())) {
                @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; the build targets 17
                long id = thread.getId();
                long nanos = threads.getThreadCpuTime(id);
                if (nanos >= 0) {
                    cpu.put(id, nanos);
                }
            }
        }
        if (cpu.isEmpty()) {
            throw new IllegalStateException("no running thread is named as the submitter's stream threads " + names);
        }
        return new Reading(System.nanoTime(), cpu);
    }

    /**
     * CPU seconds per wall second between two readings: the CPU the threads alive at {@code end} used since
     * {@code start} (a thread that started in between counts from zero; one replaced in between loses what it used).
     */
    static double secondsPerSecond(Reading start, Reading end) {
        long cpu = 0;
        for (Map.Entry<Long, Long> thread : end.cpuNanosByThread().entrySet()) {
            cpu += thread.getValue() - start.cpuNanosByThread().getOrDefault(thread.getKey(), 0L);
        }
        long wall = end.wallNanos() - start.wallNanos();
        return wall <= 0 ? 0.0 : (double) cpu / wall;
    }
}
