package io.sandboxpipeline.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Loopback-only test servers and clients pointed at them. */
final class TestServers {

    static final String KEY = "test-key-4f1c2a9e7b";

    private TestServers() {
    }

    /** A MockWebServer on 127.0.0.1 and an ephemeral port. */
    static MockWebServer startLoopback() {
        MockWebServer server = new MockWebServer();
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /** The server's root as {@code http://127.0.0.1:<port>/} (not "localhost", which may resolve elsewhere first). */
    static URI baseUrl(MockWebServer server) {
        return url(server, "/");
    }

    static URI url(MockWebServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    static SandboxClient client(MockWebServer server) {
        return client(server, b -> b);
    }

    static SandboxClient client(MockWebServer server, UnaryOperator<SandboxClientConfig.Builder> customizer) {
        SandboxClientConfig.Builder builder = SandboxClientConfig.builder()
                .baseUrl(baseUrl(server))
                .apiKey(KEY)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(30));
        return SandboxClient.create(customizer.apply(builder).build());
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer within 30 s", e);
        }
    }

    /** The exception a future failed with; fails the test if it succeeded or did not finish within 30 s. */
    static SandboxException failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(30, TimeUnit.SECONDS);
            throw new AssertionError("expected a SandboxException, got " + value);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SandboxException sandbox) {
                return sandbox;
            }
            throw new AssertionError("expected a SandboxException, got " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer within 30 s", e);
        }
    }
}
