package io.sandboxpipeline.core.config;

import io.sandboxpipeline.client.ApiKey;
import io.sandboxpipeline.client.SandboxClientConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the MetaDefender Sandbox is and how to talk to it.
 *
 * @param url                   base URL, e.g. {@code https://www.filescan.io} or an on-prem instance
 * @param apiKey                the API key (a secret: never printed)
 * @param connectTimeout        TCP/TLS connect timeout
 * @param readTimeout           read timeout of one response
 * @param uploadTimeout         whole-call timeout, long enough for the largest upload
 * @param maxConcurrentRequests requests in flight at once per stage instance
 */
public record SandboxSettings(URI url, ApiKey apiKey, Duration connectTimeout, Duration readTimeout, Duration uploadTimeout,
                              int maxConcurrentRequests) {

    public static final URI DEFAULT_URL = URI.create("https://www.filescan.io");

    public SandboxSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(apiKey, "sandbox.api.key is required: set SANDBOX_API_KEY or SANDBOX_API_KEY_FILE");
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new ConfigException("sandbox.url must be an http(s) URL, got '" + url + "'");
        }
        Durations.requirePositive("sandbox.connect.timeout", connectTimeout);
        Durations.requirePositive("sandbox.read.timeout", readTimeout);
        Durations.requirePositive("sandbox.upload.timeout", uploadTimeout);
        if (maxConcurrentRequests < 1) {
            throw new ConfigException("sandbox.max.concurrent.requests must be at least 1, got " + maxConcurrentRequests);
        }
    }

    public static SandboxSettings from(ConfigValues values) {
        return new SandboxSettings(
                URI.create(values.get("sandbox.url", DEFAULT_URL.toString())),
                apiKey(values),
                values.getDuration("sandbox.connect.timeout", Duration.ofSeconds(10)),
                values.getDuration("sandbox.read.timeout", Duration.ofSeconds(60)),
                values.getDuration("sandbox.upload.timeout", Duration.ofMinutes(10)),
                values.getInt("sandbox.max.concurrent.requests", 32));
    }

    /** The key comes from {@code sandbox.api.key} or from the file named by {@code sandbox.api.key.file}. */
    private static ApiKey apiKey(ConfigValues values) {
        var inline = values.get("sandbox.api.key");
        if (inline.isPresent()) {
            return ApiKey.of(inline.get().trim());
        }
        var file = values.get("sandbox.api.key.file");
        if (file.isPresent()) {
            try {
                return ApiKey.of(Files.readString(Path.of(file.get())).trim());
            } catch (IOException e) {
                throw new ConfigException("cannot read the API key file named by sandbox.api.key.file: " + e.getClass().getSimpleName());
            }
        }
        throw new ConfigException("sandbox.api.key is required: set SANDBOX_API_KEY or SANDBOX_API_KEY_FILE");
    }

    public SandboxClientConfig clientConfig() {
        return SandboxClientConfig.builder()
                .baseUrl(url)
                .apiKey(apiKey)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .callTimeout(uploadTimeout)
                .maxConcurrentRequests(maxConcurrentRequests)
                .build();
    }
}
