package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultsTest {

    @RegisterExtension
    final RunningEmulator sandbox = RunningEmulator.scanningIn(Duration.ofSeconds(2));

    @Test
    void shouldAnswer429WithRetryAfterOnceTheQuotaIsUsedUp() {
        sandbox.emulator().setFaults(Faults.builder().requestsPerSecondQuota(2).build());

        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 3; i++) {
            limited = sandbox.api().get("/api/users/me");
            statuses.add(limited.statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 429);
        assertThat(sandbox.api().json(limited).get("detail").asText()).contains("quota");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isGreaterThanOrEqualTo(1);

        sandbox.clock().advance(Duration.ofSeconds(retryAfter));
        assertThat(sandbox.api().get("/api/users/me").statusCode()).isEqualTo(200);
        assertThat(sandbox.emulator().stats().responsesByStatus()).containsEntry(429, 1L);
    }

    @Test
    void shouldHoldOnlyUploadsToTheUploadQuota() {
        sandbox.emulator().setFaults(Faults.builder().uploadsPerSecondQuota(2).build());

        List<Integer> uploads = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 3; i++) {
            limited = sandbox.api().postMultipart("/api/scan/file",
                    new Multipart().file("file", "upload-" + i + ".bin", new byte[] {(byte) i}));
            uploads.add(limited.statusCode());
        }
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            others.add(sandbox.api().get("/api/reputation/hash?sha256=" + "0f".repeat(32)).statusCode());
            others.add(sandbox.api().get("/api/users/me").statusCode());
        }

        assertThat(uploads).containsExactly(200, 200, 429);
        assertThat(others).as("look-ups and account calls are not uploads").containsOnly(200);
        assertThat(sandbox.api().json(limited).get("detail").asText()).contains("uploads per second");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isGreaterThanOrEqualTo(1);
        assertThat(sandbox.emulator().stats().submissions()).as("a 429 creates no flow").isEqualTo(2);

        sandbox.clock().advance(Duration.ofSeconds(retryAfter));
        assertThat(sandbox.api().postMultipart("/api/scan/file",
                new Multipart().file("file", "upload-later.bin", new byte[] {9})).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerInjected429sWithRetryAfterAndNoSideEffect() {
        sandbox.emulator().setFaults(Faults.builder().rateLimitedRate(1).build());

        HttpResponse<String> limited = sandbox.api().get("/api/users/me");
        HttpResponse<String> upload = sandbox.api().postMultipart("/api/scan/file",
                new Multipart().file("file", "rate-limited.bin", new byte[] {'a'}));
        sandbox.emulator().setFaults(Faults.none());

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("1");
        assertThat(sandbox.api().json(limited).get("detail").asText()).isNotBlank();
        assertThat(upload.statusCode()).isEqualTo(429);
        assertThat(sandbox.emulator().stats().submissions()).as("a 429 creates no flow").isZero();
        assertThat(sandbox.api().get("/api/users/me").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerServerErrorsWhileTheRateIsOneAndRecoverWhenSwitchedOff() {
        sandbox.emulator().setFaults(Faults.builder().serverErrorRate(1).build());

        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            responses.add(sandbox.api().get("/api/users/me"));
        }
        sandbox.emulator().setFaults(Faults.none());

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isIn(500, 502, 503));
        assertThat(responses).anySatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("Internal Server Error");
        });
        assertThat(sandbox.api().get("/api/users/me").statusCode()).isEqualTo(200);
        assertThat(sandbox.emulator().stats().submissions()).isZero();
    }

    @Test
    void shouldSendInvalidJsonWhileTheMalformedRateIsOne() {
        sandbox.emulator().setFaults(Faults.builder().malformedJsonRate(1).build());

        HttpResponse<String> user = sandbox.api().get("/api/users/me");
        HttpResponse<String> submitted = sandbox.api().postMultipart("/api/scan/file",
                new Multipart().file("file", "a.txt", new byte[] {'a'}));

        assertThat(user.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> new ObjectMapper().readTree(user.body()))
                .isInstanceOf(JsonProcessingException.class);
        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> new ObjectMapper().readTree(submitted.body()))
                .isInstanceOf(JsonProcessingException.class);
        // the garbled answer still created its flow, as a real lost response would
        assertThat(sandbox.emulator().stats().flowsCreated()).isEqualTo(1);
    }

    @Test
    void shouldAddLatencyOnlyToTheConfiguredEndpoint() {
        sandbox.emulator().setFaults(Faults.builder().latency(Endpoint.USERS_ME, Duration.ofMillis(400)).build());

        long slowStart = System.nanoTime();
        assertThat(sandbox.api().get("/api/users/me").statusCode()).isEqualTo(200);
        Duration slow = Duration.ofNanos(System.nanoTime() - slowStart);
        long fastStart = System.nanoTime();
        assertThat(sandbox.api().get("/api/system/config").statusCode()).isEqualTo(200);
        Duration fast = Duration.ofNanos(System.nanoTime() - fastStart);

        assertThat(slow).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(fast).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void shouldHoldSlowAnswersLongerThanAClientTimeout() {
        sandbox.emulator().setFaults(Faults.builder().slowRate(1).slowDelay(Duration.ofSeconds(10)).build());

        assertThatThrownBy(() -> sandbox.api().http().send(sandbox.api().request("/api/users/me")
                .timeout(Duration.ofMillis(300)).GET().build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        sandbox.emulator().setFaults(Faults.none());
        assertThat(sandbox.api().get("/api/users/me").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldFailNewFlowsWhileTheFailedFlowRateIsOne() {
        sandbox.emulator().setFaults(Faults.builder().failedFlowRate(1).build());
        String failed = sandbox.api().submitText("clean.txt", "clean");
        sandbox.emulator().setFaults(Faults.none());
        String fine = sandbox.api().submitText("clean.txt", "clean");
        sandbox.clock().advance(Duration.ofSeconds(2));

        JsonNode failedFlow = sandbox.api().report(failed, "filter=overallState");
        JsonNode fineFlow = sandbox.api().report(fine, "filter=overallState");

        assertThat(failedFlow.get("job").get("error").asBoolean()).isTrue();
        assertThat(failedFlow.get("reports").elements().next().get("overallState").asText()).isEqualTo("failed");
        assertThat(fineFlow.get("reports").elements().next().get("overallState").asText()).isEqualTo("success");
    }
}
