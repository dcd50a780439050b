package io.sandboxpipeline.core.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.client.ErrorKind;
import io.sandboxpipeline.client.SandboxHttpException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class AsyncCallsTest {

    @Test
    void shouldNeverHaveMoreCallsInFlightThanItsBound() {
        AsyncCalls<String, String> calls = new AsyncCalls<>(2);
        CompletableFuture<String> pending = new CompletableFuture<>();

        assertThat(calls.dispatch("a", () -> pending)).isTrue();
        assertThat(calls.dispatch("b", () -> pending)).isTrue();
        assertThat(calls.dispatch("c", () -> pending)).isFalse();

        assertThat(calls.inFlightCount()).isEqualTo(2);
        assertThat(calls.hasCapacity()).isFalse();
    }

    @Test
    void shouldNotStartASecondCallForAKeyInFlight() {
        AsyncCalls<String, String> calls = new AsyncCalls<>(5);
        calls.dispatch("a", CompletableFuture::new);

        assertThat(calls.dispatch("a", CompletableFuture::new)).isFalse();
        assertThat(calls.isInFlight("a")).isTrue();
    }

    @Test
    void shouldHandCompletionsToTheDrainingThreadOnly() throws InterruptedException {
        AsyncCalls<String, String> calls = new AsyncCalls<>(5);
        CompletableFuture<String> answer = new CompletableFuture<>();
        calls.dispatch("a", () -> answer);
        Thread callback = new Thread(() -> answer.complete("done"));
        callback.start();
        callback.join();
        List<String> handled = new ArrayList<>();

        int drained = calls.drain((key, result) -> handled.add(key + "=" + ((CallResult.Success<String>) result).value()
                + "@" + Thread.currentThread().getName()));

        assertThat(drained).isEqualTo(1);
        assertThat(handled).containsExactly("a=done@" + Thread.currentThread().getName());
        assertThat(calls.isInFlight("a")).isFalse();
    }

    @Test
    void shouldTurnErrorsIntoDataIncludingOnesThrownWhileStartingTheCall() {
        AsyncCalls<String, String> calls = new AsyncCalls<>(5);
        calls.dispatch("http", () -> CompletableFuture.failedFuture(
                new CompletionException(new SandboxHttpException(ErrorKind.SERVER_ERROR, 503, "GET /x", "busy"))));
        calls.dispatch("thrown", () -> {
            throw new IllegalStateException("client closed");
        });
        List<String> errors = new ArrayList<>();

        calls.drain((key, result) -> {
            CallResult.Failure<String> failure = (CallResult.Failure<String>) result;
            errors.add(key + ":" + failure.sandboxError().map(e -> e.kind().name()).orElse(failure.describe()));
        });

        assertThat(errors).containsExactlyInAnyOrder("http:SERVER_ERROR", "thrown:IllegalStateException: client closed");
    }

    @Test
    void shouldDropResultsThatArriveAfterClose() {
        AsyncCalls<String, String> calls = new AsyncCalls<>(5);
        CompletableFuture<String> answer = new CompletableFuture<>();
        calls.dispatch("a", () -> answer);

        calls.close();
        answer.complete("late");

        assertThat(calls.drain((key, result) -> { })).isZero();
    }
}
