package io.sandboxpipeline.core.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A loopback-only stand-in for an S3-compatible store (127.0.0.1, ephemeral port): path-style {@code HEAD} and
 * {@code GET /bucket/key} with {@code Content-Length}, {@code ETag} and {@code Last-Modified}, {@code If-Match},
 * and S3's XML error bodies ({@code NoSuchKey}, {@code NoSuchBucket}, {@code AccessDenied}, {@code PreconditionFailed}).
 * Signatures are not verified; every request is recorded so tests can check what the SDK sent. Generated objects are
 * produced while they are sent, never held in memory.
 */
public final class FakeS3 implements AutoCloseable {

    /** One request as the fake saw it. */
    record Request(String method, String path, String authorization, Map<String, List<String>> headers) {

        boolean hasHeader(String name) {
            return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
        }
    }

    private record StoredObject(long size, Supplier<InputStream> content, String eTag) {
    }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Map<String, StoredObject>> buckets = new ConcurrentHashMap<>();
    private final Map<String, Boolean> denied = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong versions = new AtomicLong();
    private final AtomicLong requestIds = new AtomicLong();
    private final Clock clock;

    private FakeS3(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeS3 start() throws IOException {
        return new FakeS3(Clock.systemUTC());
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeS3 createBucket(String bucket) {
        buckets.computeIfAbsent(bucket, b -> new ConcurrentHashMap<>());
        return this;
    }

    /** Stores (or replaces) an object; a replaced object gets a new ETag. */
    public FakeS3 put(String bucket, String key, byte[] content) {
        return store(bucket, key, content.length, () -> new ByteArrayInputStream(content));
    }

    /** An object of {@code size} bytes of {@link GeneratedContent}, produced on the fly for every GET. */
    FakeS3 putGenerated(String bucket, String key, long size) {
        return store(bucket, key, size, () -> GeneratedContent.open(size));
    }

    FakeS3 delete(String bucket, String key) {
        Map<String, StoredObject> objects = buckets.get(bucket);
        if (objects != null) {
            objects.remove(key);
        }
        return this;
    }

    /** Answers every request for the key with 403 AccessDenied. */
    FakeS3 deny(String bucket, String key) {
        denied.put(bucket + "/" + key, Boolean.TRUE);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private FakeS3 store(String bucket, String key, long size, Supplier<InputStream> content) {
        String eTag = "\"" + Long.toHexString(0x5e3f000L + versions.incrementAndGet()) + "\"";
        createBucket(bucket).buckets.get(bucket).put(key, new StoredObject(size, content, eTag));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(exchange.getRequestMethod(), path, authorization, Map.copyOf(exchange.getRequestHeaders())));
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (!head && !exchange.getRequestMethod().equals("GET")) {
                error(exchange, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
                return;
            }
            int slash = path.indexOf('/', 1);
            if (slash < 0) {
                error(exchange, 400, "InvalidRequest", "The fake only serves path-style /bucket/key requests.");
                return;
            }
            serve(exchange, path.substring(1, slash), path.substring(slash + 1), head);
        }
    }

    private void serve(HttpExchange exchange, String bucket, String key, boolean head) throws IOException {
        Map<String, StoredObject> objects = buckets.get(bucket);
        StoredObject object = objects == null ? null : objects.get(key);
        String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        if (denied.containsKey(bucket + "/" + key)) {
            error(exchange, 403, "AccessDenied", "Access Denied");
        } else if (objects == null) {
            error(exchange, 404, "NoSuchBucket", "The specified bucket does not exist");
        } else if (object == null) {
            error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
        } else if (ifMatch != null && !ifMatch.equals(object.eTag())) {
            error(exchange, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
        } else {
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.getResponseHeaders().add("ETag", object.eTag());
            exchange.getResponseHeaders().add("Last-Modified", HTTP_DATE.format(clock.instant()));
            exchange.getResponseHeaders().add("x-amz-request-id", requestId());
            if (head) {
                exchange.getResponseHeaders().add("Content-Length", String.valueOf(object.size()));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, object.size());
            try (InputStream in = object.content().get(); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the client stopped reading (closed its stream early): nothing to answer any more
            }
        }
    }

    private void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        String requestId = requestId();
        exchange.getResponseHeaders().add("x-amz-request-id", requestId);
        if (exchange.getRequestMethod().equals("HEAD")) {
            // like S3: a HEAD error has no body, so the client only sees the status
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><Resource>" + exchange.getRequestURI().getPath() + "</Resource><RequestId>" + requestId
                + "</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String requestId() {
        return String.format(Locale.ROOT, "FAKE%012X", requestIds.incrementAndGet());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Deterministic, position-dependent bytes of any length, generated while read: a block of pseudo-random bytes
     * whose prime length never lines up with read buffers, so a lost, repeated or reordered chunk changes the hash.
     */
    static final class GeneratedContent extends InputStream {

        private static final int BLOCK_LENGTH = 1_048_573;
        private static final byte[] BLOCK = block();

        private final long size;
        private long position;

        private GeneratedContent(long size) {
            this.size = size;
        }

        static InputStream open(long size) {
            return new GeneratedContent(size);
        }

        private static byte[] block() {
            byte[] block = new byte[BLOCK_LENGTH];
            new Random(20240229L).nextBytes(block);
            return block;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return BLOCK[(int) (position++ % BLOCK_LENGTH)] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int offsetInBlock = (int) (position % BLOCK_LENGTH);
            int count = (int) Math.min(Math.min(length, size - position), BLOCK_LENGTH - offsetInBlock);
            System.arraycopy(BLOCK, offsetInBlock, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
