package io.sandboxpipeline.tools.lookup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.tools.cli.ConnectionFile;
import io.sandboxpipeline.tools.cli.DurationConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Asks a running pipeline what it knows about a file: {@code GET /api/reputation/hash?sha256=} on a submitter's ops
 * endpoint, answered from the pipeline's verdict cache in the Sandbox's own response shape, printed as indented JSON.
 */
@Command(name = "lookup", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Ask the pipeline (not the Sandbox) for the verdict of a file by its SHA-256.",
        description = {
            "Ask the pipeline for the verdict of a file by its SHA-256, before (or",
            "instead of) asking the Sandbox: GET /api/reputation/hash on a submitter's",
            "ops endpoint. The answer comes from the pipeline's verdict cache (every",
            "instance answers for every hash), in the Sandbox's reputation shape, and",
            "is printed as JSON. No Sandbox API key is needed: nothing is sent to the",
            "Sandbox.",
            ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the pipeline knows a verdict for this content",
            "3:it does not (overall_verdict unknown: never seen, or the cached verdict expired)",
            "2:usage error, or no answer (unreachable, not ready, not a reputation answer)"})
public final class LookupCommand implements Callable<Integer> {

    public static final int KNOWN = 0;
    public static final int UNKNOWN = 3;
    public static final int NO_ANSWER = 2;
    static final String DEFAULT_URL = "http://127.0.0.1:9464";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String PATH = "/api/reputation/hash";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHA256", description = "The file's SHA-256, 64 hexadecimal characters.")
    String sha256;

    @Option(names = "--url", paramLabel = "URL",
            description = "A submitter's ops endpoint, as ops.host:ops.port serve it (default: a running `up`'s, else "
                    + DEFAULT_URL + ").")
    URI url;

    @Option(names = "--data", paramLabel = "DIR", description = "Ask the `up` running on DIR (default: ./.sandbox-pipeline).")
    Path data;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Give up waiting for the answer after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private final ObjectMapper json = new ObjectMapper();

    /** The ops endpoint a running {@code up} wrote into its connection.env, if one runs. */
    private Optional<URI> runningUp() {
        Path dir = data != null ? data : ConnectionFile.DEFAULT_DATA_DIR;
        return ConnectionFile.read(dir).map(values -> values.get("OPS_URL"))
                .filter(ops -> ops != null && !ops.isBlank()).map(URI::create)
                .filter(ops -> ConnectionFile.answers(ops.getHost() + ":" + ops.getPort()));
    }

    @Override
    public Integer call() {
        if (url == null) {
            url = runningUp().orElse(URI.create(DEFAULT_URL));
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "'" + sha256 + "' is not a SHA-256: expected 64 hexadecimal characters");
        }
        if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--url must be an http(s) URL such as http://127.0.0.1:9464, got " + url);
        }
        if (timeout.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be more than zero");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI endpoint = URI.create(url.toString().replaceAll("/+$", "") + PATH + "?sha256=" + sha256.toLowerCase(Locale.ROOT));
        HttpResponse<String> response;
        try {
            response = send(endpoint);
        } catch (IOException e) {
            err.println("Cannot reach the pipeline at " + url + ": " + describe(e) + ". Is a submitter running, and is --url its ops endpoint?");
            return NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted while waiting for " + url);
            return NO_ANSWER;
        }
        if (response.statusCode() != 200) {
            err.println("The pipeline gave no answer (HTTP " + response.statusCode() + "): " + detail(response.body()));
            return NO_ANSWER;
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (JsonProcessingException e) {
            answer = null;
        }
        if (answer == null || !answer.path("overall_verdict").isTextual()) {
            err.println("The answer from " + url + " is not a reputation answer (no overall_verdict): is --url a submitter's ops endpoint?");
            return NO_ANSWER;
        }
        out.println(answer.toPrettyString());
        out.flush();
        return answer.get("overall_verdict").asText().equals("unknown") ? UNKNOWN : KNOWN;
    }

    private HttpResponse<String> send(URI endpoint) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout).header("Accept", "application/json").GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code detail} of a Sandbox-style error body, else the body itself (shortened). */
    private String detail(String body) {
        try {
            JsonNode detail = json.readTree(body).path("detail");
            if (!detail.isMissingNode()) {
                return detail.isTextual() ? detail.asText() : detail.toString();
            }
        } catch (JsonProcessingException notJson) {
            // fall through: show the text
        }
        String text = body == null ? "" : body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
