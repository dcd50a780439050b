package io.sandboxpipeline.client;

import static io.sandboxpipeline.client.TestServers.await;
import static io.sandboxpipeline.client.TestServers.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {

    private static final int LIMIT = 3;
    private static final int CALLS = 10;

    private final MockWebServer server = TestServers.startLoopback();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final SandboxClient client = TestServers.client(server, b -> b.maxConcurrentRequests(LIMIT));

    @AfterEach
    void tearDown() {
        release.countDown();
        client.close();
        server.close();
    }

    @Test
    void shouldNeverHaveMoreThanTheConfiguredRequestsInFlightAndNeverBlockTheCaller() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    release.await(20, TimeUnit.SECONDS);
                    return json(200, "{\"accountId\":\"acc\"}");
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        });

        long start = System.nanoTime();
        List<CompletableFuture<UserInfo>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(client.me());
        }
        long enqueueMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // while the server holds every request: LIMIT reach it, the rest wait in the client's queue
        awaitUntil(() -> inFlight.get() == LIMIT);
        assertThat(client.runningCalls()).isEqualTo(LIMIT);
        assertThat(client.queuedCalls()).isEqualTo(CALLS - LIMIT);
        assertThat(server.getRequestCount()).isEqualTo(LIMIT);
        assertThat(calls).noneMatch(CompletableFuture::isDone);
        assertThat(enqueueMillis).as("submitting %d calls returned at once", CALLS).isLessThan(1000);

        release.countDown();

        assertThat(calls).allSatisfy(call -> assertThat(await(call).accountId()).isEqualTo("acc"));
        assertThat(server.getRequestCount()).isEqualTo(CALLS);
        assertThat(maxInFlight.get()).isEqualTo(LIMIT);
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
