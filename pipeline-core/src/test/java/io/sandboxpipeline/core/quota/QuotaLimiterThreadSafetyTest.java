package io.sandboxpipeline.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class QuotaLimiterThreadSafetyTest {

    private static final SandboxEndpoint UPLOAD = SandboxEndpoint.UPLOAD;
    private static final int MAX_CONCURRENT = 5;
    private static final int THREADS = 6;
    private static final int ATTEMPTS_PER_THREAD = 20_000;

    @Test
    void shouldKeepCountsConsistentWhileStreamThreadsAcquireAndCallbackThreadsRelease() throws Exception {
        QuotaLimiter limiter = new QuotaLimiter(QuotaConfig.unlimited().with(UPLOAD, new EndpointLimit(5_000, 0, MAX_CONCURRENT)));
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger mostHolders = new AtomicInteger();
        LinkedBlockingQueue<Permit> completions = new LinkedBlockingQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        CountDownLatch start = new CountDownLatch(1);
        Permit poison = new QuotaLimiter(QuotaConfig.unlimited()).tryAcquire(UPLOAD, Lane.LIVE, "poison", 0).orElseThrow();
        try {
            Future<?> callbacks = pool.submit(() -> releaseUntilPoisoned(completions, poison, holders));
            List<Future<Long>> streamThreads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                String taskId = "0_" + i;
                Lane lane = i % 2 == 0 ? Lane.LIVE : Lane.REPLAY;
                streamThreads.add(pool.submit(() -> {
                    start.await();
                    long granted = 0;
                    for (int n = 0; n < ATTEMPTS_PER_THREAD; n++) {
                        // threads read "their" wall clock at slightly different moments, as stream threads do
                        long now = n % 3 == 0 ? clock.incrementAndGet() : clock.get() - 1;
                        Optional<Permit> permit = limiter.tryAcquire(UPLOAD, lane, taskId, now);
                        if (permit.isPresent()) {
                            granted++;
                            mostHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
                            completions.put(permit.get());
                        }
                    }
                    return granted;
                }));
            }
            start.countDown();
            long granted = 0;
            for (Future<Long> thread : streamThreads) {
                granted += thread.get(20, TimeUnit.SECONDS);
            }
            completions.put(poison);
            callbacks.get(20, TimeUnit.SECONDS);

            QuotaSnapshot.EndpointState state = limiter.snapshot(clock.get()).endpoint(UPLOAD);
            assertThat(granted).isPositive();
            assertThat(state.granted(Lane.LIVE) + state.granted(Lane.REPLAY)).isEqualTo(granted);
            // how the grants split between the lanes depends on how the threads were scheduled on this machine;
            // lane shares are proven deterministically in LaneReservationTest
            assertThat(state.inFlight()).as("every permit came back").isZero();
            assertThat(mostHolders.get()).isBetween(1, MAX_CONCURRENT);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldReturnTheSlotOnceWhenManyThreadsReleaseTheSamePermit() throws Exception {
        QuotaLimiter limiter = new QuotaLimiter(QuotaConfig.unlimited().with(UPLOAD, new EndpointLimit(0, 0, 2)));
        Permit kept = limiter.tryAcquire(UPLOAD, Lane.LIVE, "0_0", 0).orElseThrow();
        Permit shared = limiter.tryAcquire(UPLOAD, Lane.LIVE, "0_0", 0).orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> releases = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                releases.add(pool.submit(() -> {
                    start.await();
                    shared.release();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> release : releases) {
                release.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(limiter.snapshot(0).endpoint(UPLOAD).inFlight()).isEqualTo(1);
        assertThat(kept.isReleased()).isFalse();
        assertThat(shared.isReleased()).isTrue();
    }

    /** The callback thread: releases completed calls until it takes {@code poison} (a permit of another limiter). */
    private static Void releaseUntilPoisoned(LinkedBlockingQueue<Permit> completions, Permit poison, AtomicInteger holders)
            throws InterruptedException {
        while (true) {
            Permit permit = completions.take();
            if (permit == poison) {
                return null;
            }
            // count the holder out before the slot is back, so holders never exceeds the limiter's in-flight count
            holders.decrementAndGet();
            permit.release();
        }
    }
}
