package io.sandboxpipeline.app.emulator;

import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.Endpoint;
import io.sandboxpipeline.emulator.Faults;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.tools.cli.DataSizeConverter;
import io.sandboxpipeline.tools.cli.DurationConverter;
import io.sandboxpipeline.tools.cli.UntilShutdown;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.DoubleFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sandbox-pipeline emulator}: serves the MetaDefender Sandbox HTTP API locally until Ctrl-C. */
@Command(
        name = "emulator",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serves an emulator of the MetaDefender Sandbox HTTP API (upload, report polling, hash reputation) "
                    + "until Ctrl-C, for trying the pipeline without a Sandbox account.",
            "Clients authenticate with the X-Api-Key header. The key is --api-key, else the SANDBOX_API_KEY "
                    + "environment variable, else 'demo'.",
        })
public final class EmulatorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8089", paramLabel = "PORT",
            description = "TCP port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
    private String host;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "API key clients must send. Other local users can read it on the command line: prefer "
                    + "the SANDBOX_API_KEY environment variable. Default: $SANDBOX_API_KEY, else 'demo'.")
    private String apiKey;

    @Option(names = "--scan-duration", defaultValue = "4s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long a scan runs before its report is final (500ms, 4s, 1m, PT4S). "
                    + "Default: ${DEFAULT-VALUE}.")
    private Duration scanDuration;

    @Option(names = "--poll-pause", defaultValue = "5", paramLabel = "SECONDS",
            description = "The pollPause reports advise clients to wait between polls. Default: ${DEFAULT-VALUE}.")
    private int pollPause;

    @Option(names = "--max-upload-size", defaultValue = "100MB", paramLabel = "SIZE",
            converter = DataSizeConverter.class,
            description = "Largest accepted upload (KB, MB, GB; 1MB = 1024KB); larger ones get 413. "
                    + "Default: ${DEFAULT-VALUE}.")
    private long maxUploadSizeBytes;

    @Option(names = "--fail-attempts", paramLabel = "N",
            description = "A file containing the marker SANDBOX-TEST:FAIL fails its first N scans (per sha256), "
                    + "then scans normally. Default: it always fails.")
    private Integer failAttempts;

    @Option(names = "--quota-rps", paramLabel = "RATE",
            description = "Requests per second and API key allowed before answering 429 with Retry-After; "
                    + "0 = no quota. Default: no quota.")
    private Double quotaRps;

    @Option(names = "--rate-limited-rate", paramLabel = "P",
            description = "Share of authenticated requests (0..1) answered 429 with Retry-After: 1 whatever the "
                    + "quota. Default: 0.")
    private Double rateLimitedRate;

    @Option(names = "--error-rate", paramLabel = "P",
            description = "Share of requests (0..1) answered 500, 502 or 503 without taking effect. Default: 0.")
    private Double errorRate;

    @Option(names = "--slow-rate", paramLabel = "P",
            description = "Share of requests (0..1) delayed by --slow-delay. Default: 0.")
    private Double slowRate;

    @Option(names = "--slow-delay", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Delay of a slow answer (500ms, 4s, PT4S). Default: 30s.")
    private Duration slowDelay;

    @Option(names = "--malformed-rate", paramLabel = "P",
            description = "Share of 200 JSON answers (0..1) cut in half into invalid JSON; the request still takes "
                    + "effect. Default: 0.")
    private Double malformedRate;

    @Option(names = "--failed-flow-rate", paramLabel = "P",
            description = "Share of new flows (0..1) that end with overallState 'failed'. Default: 0.")
    private Double failedFlowRate;

    @Option(names = "--latency", paramLabel = "ENDPOINT=DURATION",
            converter = {EndpointConverter.class, DurationConverter.class},
            description = "Extra latency of one endpoint, repeatable, e.g. --latency scan_file=2s --latency "
                    + "report=300ms. Endpoints: ${COMPLETION-CANDIDATES}.")
    private Map<Endpoint, Duration> latency;

    private final Map<String, String> environment;

    /** The command as the launcher creates it: the API key may come from the process environment. */
    public EmulatorCommand() {
        this(System.getenv());
    }

    /** For tests: {@code environment} replaces the process environment. */
    EmulatorCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ApiKeyChoice key = apiKeyChoice();
        warnAboutExposure(key, err);
        EmulatorConfig config = config(key);
        SandboxEmulator emulator;
        try {
            emulator = SandboxEmulator.start(config);
        } catch (UncheckedIOException e) {
            err.println("Cannot start the Sandbox emulator: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        String baseUrl = stripTrailingSlash(emulator.baseUrl().toString());
        out.println("Sandbox emulator listening on " + baseUrl + " (API key from " + key.source() + ")");
        out.println("Try: curl -s -H \"X-Api-Key: " + keyPlaceholder(key) + "\" " + baseUrl + "/api/users/me"
                + "   (Ctrl-C stops the emulator)");
        out.flush();
        UntilShutdown.await(emulator::close, "sandbox-emulator");
        return 0;
    }

    private ApiKeyChoice apiKeyChoice() {
        try {
            return ApiKeyChoice.of(apiKey, environment);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private EmulatorConfig config(ApiKeyChoice key) {
        EmulatorConfig.Builder config = EmulatorConfig.builder()
                .host(host)
                .port(port)
                .apiKey(key.key())
                .scanDuration(scanDuration)
                .pollPause(pollPause)
                .maxUploadSizeBytes(maxUploadSizeBytes)
                .faults(faults());
        if (failAttempts != null) {
            config.failAttempts(failAttempts);
        }
        try {
            return config.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private Faults faults() {
        Faults.Builder faults = Faults.builder();
        if (quotaRps != null) {
            if (!(quotaRps >= 0)) {
                throw new ParameterException(spec.commandLine(), "--quota-rps must be 0 (no quota) or a positive "
                        + "number of requests per second, but was " + quotaRps);
            }
            faults.requestsPerSecondQuota(quotaRps);
        }
        share("--rate-limited-rate", rateLimitedRate, faults::rateLimitedRate);
        share("--error-rate", errorRate, faults::serverErrorRate);
        share("--slow-rate", slowRate, faults::slowRate);
        share("--malformed-rate", malformedRate, faults::malformedJsonRate);
        share("--failed-flow-rate", failedFlowRate, faults::failedFlowRate);
        if (slowDelay != null) {
            faults.slowDelay(slowDelay);
        }
        if (latency != null) {
            faults.latency(latency);
        }
        try {
            return faults.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Sets a fault knob that is a share of requests, when its option was given. */
    private void share(String option, Double value, DoubleFunction<Faults.Builder> knob) {
        if (value != null) {
            knob.apply(rate(option, value));
        }
    }

    private double rate(String option, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new ParameterException(spec.commandLine(), option + " must be a share between 0 and 1, e.g. 0.1 "
                    + "for 10%, but was " + value);
        }
        return value;
    }

    private void warnAboutExposure(ApiKeyChoice key, PrintWriter err) {
        if (key.fromCommandLine()) {
            err.println("Warning: an API key on the command line is visible to other local users (ps, /proc); "
                    + "prefer the " + ApiKeyChoice.ENVIRONMENT_VARIABLE + " environment variable.");
        }
        if (!isLoopback(host)) {
            err.println("Warning: --host " + host + " makes the emulator reachable from other machines.");
        }
        err.flush();
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String keyPlaceholder(ApiKeyChoice key) {
        return switch (key.source()) {
            case ApiKeyChoice.ENVIRONMENT_VARIABLE -> "$" + ApiKeyChoice.ENVIRONMENT_VARIABLE;
            case ApiKeyChoice.FROM_DEFAULT -> "<default key, see --help>";
            default -> "<your key>";
        };
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
