package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ManyFlowsTest {

    private static final int FLOWS = 2_000;
    private static final int SAMPLE = 200;

    @RegisterExtension
    final RunningEmulator sandbox = RunningEmulator.scanningIn(Duration.ofSeconds(60));

    @Test
    void shouldKeepPollLatencyFlatWithTwoThousandFlows() {
        long started = System.nanoTime();
        List<String> flowIds = new ArrayList<>(FLOWS);
        for (int i = 0; i < FLOWS; i++) {
            flowIds.add(sandbox.api().submitText("file-" + i + ".txt", "content number " + i));
        }
        sandbox.clock().advance(Duration.ofSeconds(10));

        long[] pollNanos = new long[FLOWS];
        for (int i = 0; i < FLOWS; i++) {
            long pollStart = System.nanoTime();
            HttpResponse<String> response = sandbox.api().get("/api/scan/" + flowIds.get(i)
                    + "/report?filter=general&filter=overallState&filter=finalVerdict");
            pollNanos[i] = System.nanoTime() - pollStart;
            assertThat(response.statusCode()).isEqualTo(200);
        }
        Duration total = Duration.ofNanos(System.nanoTime() - started);

        assertThat(sandbox.emulator().stats().flowsCreated()).isEqualTo(FLOWS);
        assertThat(flowIds).doesNotHaveDuplicates();
        assertThat(flowIds)
                .allSatisfy(flowId -> assertThat(sandbox.emulator().stats().reportPolls(flowId)).isEqualTo(1));
        long earlyMedian = median(Arrays.copyOfRange(pollNanos, SAMPLE, 2 * SAMPLE));
        long lateMedian = median(Arrays.copyOfRange(pollNanos, FLOWS - SAMPLE, FLOWS));
        assertThat(lateMedian).as("median poll latency of the last polls vs early ones (ns)")
                .isLessThanOrEqualTo(3 * earlyMedian + Duration.ofMillis(2).toNanos());
        assertThat(total).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void shouldServeHundredsOfConcurrentRequests() {
        String flowId = sandbox.api().submitFile("one.txt", "x".getBytes(StandardCharsets.US_ASCII));
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            pending.add(sandbox.api().http().sendAsync(
                    sandbox.api().request("/api/scan/" + flowId + "/report").GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        List<Integer> statuses = pending.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        assertThat(statuses).hasSize(300).containsOnly(200);
        assertThat(sandbox.emulator().stats().reportPolls(flowId)).isEqualTo(300);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
