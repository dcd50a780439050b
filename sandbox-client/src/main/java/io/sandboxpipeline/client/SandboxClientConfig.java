package io.sandboxpipeline.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and how {@link SandboxClient} talks to MetaDefender Sandbox.
 *
 * @param baseUrl the service root, e.g. {@code https://www.filescan.io} or an on-prem {@code https://sandbox.corp/prefix};
 *     {@code /api/...} is appended to it
 * @param apiKey sent as {@code X-Api-Key}, only to the host of {@code baseUrl}
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout longest silence while reading a response; also used as the write timeout
 * @param callTimeout whole-call limit, including streaming an upload
 * @param maxConcurrentRequests most requests in flight at once; more are queued, never run on the caller's thread
 * @param userAgent the {@code User-Agent} header
 */
public record SandboxClientConfig(URI baseUrl, ApiKey apiKey, Duration connectTimeout, Duration readTimeout,
        Duration callTimeout, int maxConcurrentRequests, String userAgent) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://www.filescan.io");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 32;
    public static final String DEFAULT_USER_AGENT = "sandbox-pipeline/" + projectVersion();

    public SandboxClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl must not be null: set the Sandbox URL, e.g. " + DEFAULT_BASE_URL);
        baseUrl = validBaseUrl(baseUrl);
        Objects.requireNonNull(apiKey, "apiKey must not be null: set the MetaDefender Sandbox API key");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(callTimeout, "callTimeout");
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be at least 1, got " + maxConcurrentRequests);
        }
        Objects.requireNonNull(userAgent, "userAgent must not be null");
        if (userAgent.isBlank() || !userAgent.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new IllegalArgumentException("userAgent must be non-blank printable ASCII, got '" + userAgent + "'");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private static URI validBaseUrl(URI baseUrl) {
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL such as " + DEFAULT_BASE_URL
                    + ", got '" + baseUrl + "'");
        }
        if (baseUrl.getHost() == null || baseUrl.getHost().isBlank()) {
            throw new IllegalArgumentException("baseUrl must name a host, got '" + baseUrl + "'");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("baseUrl must not have a query, fragment or user info: the API key "
                    + "goes in apiKey; got a URL for host '" + baseUrl.getHost() + "'");
        }
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        if (path.endsWith("/api") || path.endsWith("/api/")) {
            throw new IllegalArgumentException("baseUrl must be the service root without the '/api' suffix "
                    + "(the client appends /api/...), got '" + baseUrl + "'");
        }
        return baseUrl;
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name + " must not be null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }

    private static String projectVersion() {
        try (InputStream in = SandboxClientConfig.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.isBlank() || version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox-client version resource", e);
        }
    }

    /** Builder with the defaults documented on the constants; only {@link #apiKey(ApiKey)} is required. */
    public static final class Builder {
        private URI baseUrl = DEFAULT_BASE_URL;
        private ApiKey apiKey;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
        private String userAgent = DEFAULT_USER_AGENT;

        private Builder() {
        }

        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = URI.create(Objects.requireNonNull(baseUrl, "baseUrl must not be null"));
            return this;
        }

        public Builder apiKey(ApiKey apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = ApiKey.of(apiKey);
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        public Builder maxConcurrentRequests(int maxConcurrentRequests) {
            this.maxConcurrentRequests = maxConcurrentRequests;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public SandboxClientConfig build() {
            return new SandboxClientConfig(baseUrl, apiKey, connectTimeout, readTimeout, callTimeout,
                    maxConcurrentRequests, userAgent);
        }
    }
}
