package io.sandboxpipeline.app.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EmulatorCommandTest {

    private static final String SECRET_KEY = "k3y-that-must-never-be-printed";
    private static final Pattern READY_LINE = Pattern.compile(
            "Sandbox emulator listening on (http://127\\.0\\.0\\.1:(\\d+)) \\(API key from ([^)]+)\\)");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Thread running;

    @AfterEach
    void stopCommand() throws InterruptedException {
        if (running != null && running.isAlive()) {
            running.interrupt();
            running.join(5_000);
        }
    }

    @Test
    void shouldServeUsersMeWithTheKeyFromTheEnvironmentAndNeverPrintIt() throws Exception {
        // given
        AtomicInteger exitCode = start(Map.of("SANDBOX_API_KEY", SECRET_KEY), "--port", "0");

        // when
        Matcher ready = awaitReadyLine();
        String baseUrl = ready.group(1);
        HttpResponse<String> withKey = get(baseUrl + "/api/users/me", SECRET_KEY);
        HttpResponse<String> withWrongKey = get(baseUrl + "/api/users/me", "wrong-key");

        // then
        assertThat(ready.group(3)).isEqualTo("SANDBOX_API_KEY");
        assertThat(withKey.statusCode()).isEqualTo(200);
        assertThat(withKey.body()).contains("accountId");
        assertThat(withWrongKey.statusCode()).isEqualTo(401);
        assertThat(out.toString()).contains("curl").contains(baseUrl + "/api/users/me");
        assertThat(out.toString() + err.toString()).doesNotContain(SECRET_KEY);

        stopAndAwait();
        assertThat(exitCode.get()).isZero();
        assertThatThrownBy(() -> get(baseUrl + "/api/users/me", SECRET_KEY))
                .as("the emulator is closed when the command stops")
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldWarnThatAKeyOnTheCommandLineIsVisibleAndStillHideIt() throws Exception {
        start(Map.of("SANDBOX_API_KEY", "ignored-env-key"), "--port", "0", "--api-key", SECRET_KEY,
                "--scan-duration", "500ms", "--max-upload-size", "1MB", "--latency", "users-me=100ms");

        Matcher ready = awaitReadyLine();

        assertThat(ready.group(3)).isEqualTo("--api-key");
        assertThat(err.toString()).contains("visible to other local users").contains("SANDBOX_API_KEY");
        assertThat(get(ready.group(1) + "/api/users/me", SECRET_KEY).statusCode()).isEqualTo(200);
        assertThat(get(ready.group(1) + "/api/users/me", "ignored-env-key").statusCode()).isEqualTo(401);
        assertThat(out.toString() + err.toString()).doesNotContain(SECRET_KEY);
    }

    @Test
    void shouldAnswer429WithRetryAfterWhenAskedToRateLimitEveryRequest() throws Exception {
        start(Map.of(), "--port", "0", "--rate-limited-rate", "1");

        Matcher ready = awaitReadyLine();
        HttpResponse<String> limited = get(ready.group(1) + "/api/users/me", "demo");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("1");
    }

    @Test
    void shouldFallBackToTheDemoKey() throws Exception {
        start(Map.of(), "--port", "0");

        Matcher ready = awaitReadyLine();

        assertThat(ready.group(3)).isEqualTo("default");
        assertThat(get(ready.group(1) + "/api/users/me", "demo").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseBadOptionValuesBeforeStartingAnything() {
        assertThat(execute(Map.of(), "--port", "0", "--scan-duration", "4 seconds"))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--scan-duration").contains("PT4S");

        assertThat(execute(Map.of(), "--port", "0", "--error-rate", "10")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--error-rate must be a share between 0 and 1");

        assertThat(execute(Map.of(), "--port", "0", "--latency", "nowhere=1s")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("'nowhere' is not an emulator endpoint").contains("SCAN_FILE");

        assertThat(execute(Map.of(), "--port", "70000")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("port must be within");

        assertThat(execute(Map.of(), "--port", "0", "--api-key", " ")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("API key must not be blank");

        assertThat(out.toString()).doesNotContain("listening on");
    }

    private AtomicInteger start(Map<String, String> environment, String... args) {
        AtomicInteger exitCode = new AtomicInteger(-1);
        running = new Thread(() -> exitCode.set(execute(environment, args)), "emulator-command-test");
        running.start();
        return exitCode;
    }

    private int execute(Map<String, String> environment, String... args) {
        CommandLine commandLine = new CommandLine(new EmulatorCommand(environment));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Matcher awaitReadyLine() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && running.isAlive()) {
            Matcher matcher = READY_LINE.matcher(out.toString());
            if (matcher.find()) {
                return matcher;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no ready line within " + STARTUP_TIMEOUT + "; stdout: " + out + "; stderr: " + err);
    }

    private void stopAndAwait() throws InterruptedException {
        running.interrupt();
        running.join(5_000);
        assertThat(running.isAlive()).as("the command returns once interrupted").isFalse();
    }

    private HttpResponse<String> get(String url, String apiKey) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .header("X-Api-Key", apiKey)
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
