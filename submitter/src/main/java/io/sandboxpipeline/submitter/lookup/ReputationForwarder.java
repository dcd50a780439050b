package io.sandboxpipeline.submitter.lookup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks the submitter instance that holds a key, over plain HTTP on its ops endpoint. The forwarded request carries a
 * marker header, and an instance never forwards a request that has it: a look-up crosses at most one hop. Nothing of
 * the original request is passed on (in particular not the {@code X-Api-Key} a Sandbox tool may have sent).
 */
final class ReputationForwarder {

    static final String FORWARDED_HEADER = "X-Sandbox-Pipeline-Forwarded";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** The outcome of a forwarded look-up. */
    sealed interface Result permits Relayed, Failed {
    }

    /** The other instance's answer, to pass on as it is: a 200, or its own 503 with a reason. */
    record Relayed(int status, String body) implements Result {
    }

    /** No answer to pass on, and why. */
    record Failed(String reason) implements Result {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    Result forward(HostInfo holder, String sha256) {
        URI uri = URI.create("http://" + literal(holder.host()) + ":" + holder.port() + LocalReputationHandler.PATH
                + "?sha256=" + sha256);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header(FORWARDED_HEADER, "1").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 || response.statusCode() == 503) {
                return new Relayed(response.statusCode(), response.body());
            }
            return new Failed("it answered HTTP " + response.statusCode());
        } catch (IOException e) {
            return new Failed("it could not be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("the request was interrupted");
        }
    }

    private static String literal(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
