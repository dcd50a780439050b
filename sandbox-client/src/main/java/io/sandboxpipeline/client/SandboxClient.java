package io.sandboxpipeline.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.client.internal.ApiKeyInterceptor;
import io.sandboxpipeline.client.internal.Endpoint;
import io.sandboxpipeline.client.internal.ErrorResponses;
import io.sandboxpipeline.client.internal.FlowReportParser;
import io.sandboxpipeline.client.internal.ReportSearchParser;
import io.sandboxpipeline.client.internal.ReputationParser;
import io.sandboxpipeline.client.internal.RequestFactory;
import io.sandboxpipeline.client.internal.ResponseCallback;
import io.sandboxpipeline.client.internal.ServiceInfoParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Asynchronous client of the MetaDefender Sandbox HTTP API (https://www.filescan.io or an on-prem instance).
 *
 * <p>Every call returns at once: the request is queued on this client's own OkHttp dispatcher, which runs at most
 * {@link SandboxClientConfig#maxConcurrentRequests()} at a time. The answer is parsed on OkHttp's callback thread,
 * and the future is completed there, so non-async dependent stages also run there: keep them short, or use the
 * {@code ...Async} variants. A failed future carries a {@link SandboxException} directly.
 *
 * <p>TLS is verified by OkHttp's defaults; HTTPS-to-HTTP redirects are not followed; the API key is sent only to the
 * configured scheme, host and port. Cancelling a returned future cancels its HTTP call. Invalid arguments (a malformed
 * SHA-256, a blank flow id) throw at once instead of costing a request. Thread-safe; share one per application.
 */
public final class SandboxClient implements AutoCloseable {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final OkHttpClient http;
    private final RequestFactory requests;
    private final ErrorResponses errors;
    private final ObjectMapper mapper;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SandboxClient(SandboxClientConfig config, Clock clock) {
        HttpUrl baseUrl = HttpUrl.get(config.baseUrl());
        Dispatcher dispatcher = new Dispatcher(callbackExecutor());
        dispatcher.setMaxRequests(config.maxConcurrentRequests());
        dispatcher.setMaxRequestsPerHost(config.maxConcurrentRequests());
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .callTimeout(config.callTimeout())
                .followSslRedirects(false)
                .addNetworkInterceptor(new ApiKeyInterceptor(baseUrl, config.apiKey()))
                .build();
        this.mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.requests = new RequestFactory(baseUrl, config.userAgent(), mapper);
        this.errors = new ErrorResponses(config.apiKey(), clock, mapper);
    }

    public static SandboxClient create(SandboxClientConfig config) {
        return create(config, Clock.systemUTC());
    }

    /** @param clock used to turn an HTTP-date {@code Retry-After} into a wait */
    public static SandboxClient create(SandboxClientConfig config, Clock clock) {
        return new SandboxClient(Objects.requireNonNull(config, "config must not be null"),
                Objects.requireNonNull(clock, "clock must not be null"));
    }

    /**
     * {@code GET /api/reputation/hash?sha256=}: what the service already knows about a file. An unseen hash gives
     * overall verdict UNKNOWN. If a deployment answers 404 instead (not documented either way), that is read as
     * UNKNOWN too: the tolerant reading, and the safe one, since the file then simply gets scanned.
     */
    public CompletableFuture<HashReputation> hashReputation(String sha256) {
        String hash = requireSha256(sha256);
        return send(Endpoint.HASH_REPUTATION, requests.hashReputation(hash),
                node -> ReputationParser.hash(node, hash),
                () -> new HashReputation(hash, Verdict.UNKNOWN, List.of(), Optional.empty()));
    }

    /**
     * {@code GET /api/reports/search?query=}: the service's "Simple Search", which uses only {@code query} (a hash, a
     * tag, a file name, ...) and ignores every other parameter. Hits are whatever matched that text: check each hit's
     * own hash before trusting it. By default the service lists finished reports only; whether it lists one's own
     * private reports is not documented [?]: an empty answer proves nothing.
     */
    public CompletableFuture<List<ReportSearchHit>> searchReports(String query) {
        Objects.requireNonNull(query, "query must not be null");
        if (query.isBlank()) {
            throw new IllegalArgumentException("query must not be blank: an empty search lists other users' reports");
        }
        return send(Endpoint.REPORTS_SEARCH, requests.searchReports(query), ReportSearchParser::hits, List::of);
    }

    /**
     * {@code POST /api/reputation/hash} with a JSON array: one answer per hash, in the service's order (each carries
     * its sha256). The service's largest batch is not documented; keep batches modest (e.g. 100).
     */
    public CompletableFuture<List<HashReputation>> hashReputations(List<String> sha256s) {
        Objects.requireNonNull(sha256s, "sha256s must not be null");
        if (sha256s.isEmpty()) {
            throw new IllegalArgumentException("sha256s must not be empty");
        }
        List<String> hashes = new ArrayList<>(sha256s.size());
        sha256s.forEach(h -> hashes.add(requireSha256(h)));
        return send(Endpoint.HASH_REPUTATION_BULK, requests.hashReputations(hashes), ReputationParser::hashes, null);
    }

    /** {@code GET /api/reputation/{ip|domain|url}?ioc_value=}. */
    public CompletableFuture<IocReputation> iocReputation(IocType type, String value) {
        Objects.requireNonNull(type, "type must not be null");
        String ioc = requireNonBlank(value, "value");
        return send(Endpoint.IOC_REPUTATION, requests.iocReputation(type, ioc),
                node -> ReputationParser.ioc(node, type, ioc), null);
    }

    /**
     * {@code POST /api/scan/file}, multipart: the content is streamed from {@link FileUpload#content()} while the
     * request is written, never held in memory. Slow uploads are bounded by {@link SandboxClientConfig#callTimeout()}.
     */
    public CompletableFuture<ScanSubmission> submitFile(FileUpload file, ScanOptions options) {
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(options, "options must not be null (use ScanOptions.defaults())");
        return send(Endpoint.SCAN_FILE, requests.scanFile(file, options), ServiceInfoParser::submission, null);
    }

    /** {@code POST /api/scan/url}, form-encoded. The report's file name is then the URL. */
    public CompletableFuture<ScanSubmission> submitUrl(String url, ScanOptions options) {
        String target = requireNonBlank(url, "url");
        Objects.requireNonNull(options, "options must not be null (use ScanOptions.defaults())");
        return send(Endpoint.SCAN_URL, requests.scanUrl(target, options), ServiceInfoParser::submission, null);
    }

    /**
     * {@code GET /api/scan/{flow_id}/report}: poll with {@link ReportQuery#POLL} until {@link FlowReport#isFinished()},
     * then fetch {@link ReportQuery#ENRICH}. An unknown flow id fails with NOT_FOUND.
     */
    public CompletableFuture<FlowReport> report(String flowId, ReportQuery query) {
        String id = requireNonBlank(flowId, "flowId");
        Objects.requireNonNull(query, "query must not be null (use ReportQuery.POLL)");
        return send(Endpoint.SCAN_REPORT, requests.report(id, query), node -> FlowReportParser.parse(node, id), null);
    }

    /** {@code GET /api/users/me}: the account behind the key; the cheapest way to check that a key works. */
    public CompletableFuture<UserInfo> me() {
        return send(Endpoint.USERS_ME, requests.usersMe(), ServiceInfoParser::user, null);
    }

    /** {@code GET /api/system/config}: the upload limit (see {@link SystemConfig}). */
    public CompletableFuture<SystemConfig> systemConfig() {
        return send(Endpoint.SYSTEM_CONFIG, requests.systemConfig(), ServiceInfoParser::systemConfig, null);
    }

    /** Cancels queued and running calls (their futures fail with CONNECTION) and releases threads and connections. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.dispatcher().cancelAll();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** Calls waiting for a free slot; for tests and metrics. */
    int queuedCalls() {
        return http.dispatcher().queuedCallsCount();
    }

    /** Calls in flight; never more than {@link SandboxClientConfig#maxConcurrentRequests()}. */
    int runningCalls() {
        return http.dispatcher().runningCallsCount();
    }

    private <T> CompletableFuture<T> send(Endpoint endpoint, Request request, Function<JsonNode, T> parser,
            ResponseCallback.NotFoundFallback<T> notFound) {
        if (closed.get()) {
            throw new IllegalStateException("SandboxClient is closed; create a new one");
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        Call call = http.newCall(request);
        future.whenComplete((value, failure) -> {
            if (future.isCancelled()) {
                call.cancel();
            }
        });
        call.enqueue(new ResponseCallback<>(endpoint, future, parser, notFound, errors, mapper));
        return future;
    }

    // OkHttp's default executor uses non-daemon threads that keep a JVM alive for a minute after the last call when a
    // client is not closed; these are daemon threads, otherwise the same (unbounded: the dispatcher does the bounding).
    private static ExecutorService callbackExecutor() {
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "sandbox-client-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }

    private static String requireSha256(String sha256) {
        Objects.requireNonNull(sha256, "sha256 must not be null");
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hexadecimal characters, got "
                    + sha256.length() + " characters");
        }
        return sha256.toLowerCase(Locale.ROOT);
    }

    private static String requireNonBlank(String value, String name) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
