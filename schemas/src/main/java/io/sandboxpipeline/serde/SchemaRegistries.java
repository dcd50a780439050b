package io.sandboxpipeline.serde;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.config.ConfigException;

/**
 * Turns a {@code schema.registry.url} into a {@link SchemaRegistry}.
 *
 * <ul>
 *   <li>{@code mock://<scope>}: the in-memory {@link MockSchemaRegistry} of that scope, shared by every caller in
 *       the JVM that names the same scope (Confluent's convention, so serdes configured separately, e.g. by Kafka
 *       Streams, see each other's schemas). This scope map is the module's one deliberate static state.</li>
 *   <li>{@code http(s)://host:port[,http(s)://host2:port2...]}: a new {@link RestSchemaRegistryClient}.</li>
 * </ul>
 */
public final class SchemaRegistries {

    static final String MOCK_PREFIX = "mock://";

    private static final ConcurrentMap<String, MockSchemaRegistry> MOCK_SCOPES = new ConcurrentHashMap<>();

    private SchemaRegistries() {
    }

    /** The registry for {@code url}, without basic auth (unless the URL itself carries {@code user:password@}). */
    public static SchemaRegistry forUrl(String url) {
        return forUrl(url, null);
    }

    /**
     * The registry for {@code url}.
     *
     * @param basicAuthUserInfo {@code user:password} for HTTP registries, or null; ignored for {@code mock://}
     * @throws ConfigException if the URL is blank or of an unsupported kind
     */
    public static SchemaRegistry forUrl(String url, String basicAuthUserInfo) {
        if (url == null || url.isBlank()) {
            throw new ConfigException("schema.registry.url is empty: give mock://<scope> or http(s)://host:port");
        }
        String trimmed = url.trim();
        if (trimmed.startsWith(MOCK_PREFIX)) {
            return mockScope(trimmed.substring(MOCK_PREFIX.length()));
        }
        return new RestSchemaRegistryClient(trimmed, basicAuthUserInfo);
    }

    /** The shared in-memory registry of {@code scope}, created on first use. */
    public static MockSchemaRegistry mockScope(String scope) {
        return MOCK_SCOPES.computeIfAbsent(requireScope(scope), s -> new MockSchemaRegistry());
    }

    /** Forgets the registry of {@code scope} (tests call this so scopes do not leak between them). */
    public static void dropScope(String scope) {
        MOCK_SCOPES.remove(requireScope(scope));
    }

    private static String requireScope(String scope) {
        Objects.requireNonNull(scope, "mock scope must not be null");
        if (scope.isBlank() || scope.contains(",") || scope.contains("/")) {
            throw new ConfigException("mock schema registry URL must be mock://<scope> with a single non-empty scope name, got '"
                    + MOCK_PREFIX + scope + "'");
        }
        return scope;
    }
}
