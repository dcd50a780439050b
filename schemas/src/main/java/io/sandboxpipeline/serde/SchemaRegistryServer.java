package io.sandboxpipeline.serde;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible Schema Registry over HTTP, backed by a {@link MockSchemaRegistry}, so the demo's topics can be
 * read and written by Confluent tooling and other languages' clients (kafka-avro-console-consumer, Kafka UIs,
 * {@code @kafkajs/confluent-schema-registry}, confluent-kafka-python).
 *
 * <p>Serves what those clients call in normal use (see {@link RegistryRoutes}): registration and lookup, schemas by id,
 * subjects and versions with soft and permanent deletion, schema references, {@code /config} and
 * {@code /config/{subject}} (with {@code defaultToGlobal}), {@code /compatibility} checks, {@code /mode}; a new version
 * must be compatible at the subject's level (default BACKWARD, as Confluent's). Errors carry Confluent's bodies
 * ({@code {"error_code": 42201, "message": "..."}}).
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SchemaRegistryServer(HttpServer server, ExecutorService executor, URI url) {
        this.server = server;
        this.executor = executor;
        this.url = url;
    }

    /** Starts a server on 127.0.0.1 and an ephemeral port. */
    public static SchemaRegistryServer start(MockSchemaRegistry registry) {
        return start(LOOPBACK, 0, registry);
    }

    /**
     * Starts a server.
     *
     * @param host address to bind; null means 127.0.0.1 (loopback only)
     * @param port port to bind; 0 picks a free one (see {@link #url()})
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static SchemaRegistryServer start(String host, int port, MockSchemaRegistry registry) {
        Objects.requireNonNull(registry, "registry must not be null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) to 65535, was " + port);
        }
        String bindHost = host == null || host.isBlank() ? LOOPBACK : host;
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bindHost, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start schema registry on " + bindHost + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", new RegistryHttpHandler(registry));
        server.start();
        URI url = httpUrl(bindHost, server.getAddress().getPort());
        LOG.info("Schema registry listening on {}", url);
        return new SchemaRegistryServer(server, executor, url);
    }

    private static URI httpUrl(String host, int port) {
        try {
            return new URI("http", null, host, port, null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("host '" + host + "' does not form a valid URL", e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "schema-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The base URL clients use as {@code schema.registry.url}, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return url;
    }

    /** Stops accepting requests and frees the port; closing again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "SchemaRegistryServer[" + url + "]";
    }
}
