package io.sandboxpipeline.tools.replay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback-only stand-in for an S3-compatible store that answers {@code ListObjectsV2} (path style, {@code GET
 * /bucket?list-type=2}) with S3's XML: {@code prefix}, {@code continuation-token}, {@code max-keys} (capped by a page
 * size the test sets, so listings come in several pages), {@code encoding-type=url}, {@code NoSuchBucket} and
 * {@code AccessDenied}. Signatures are not checked; every request's query is recorded.
 */
final class ListingFakeS3 implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, NavigableMap<String, Long>> buckets = new ConcurrentHashMap<>();
    private final Map<String, Boolean> denied = new ConcurrentHashMap<>();
    private final List<Map<String, String>> listRequests = new CopyOnWriteArrayList<>();
    private final int pageSize;
    private final Instant lastModified = Instant.parse("2025-02-03T04:05:06Z");

    ListingFakeS3(int pageSize) throws IOException {
        this.pageSize = pageSize;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    ListingFakeS3 put(String bucket, String key, long size) {
        buckets.computeIfAbsent(bucket, b -> new ConcurrentSkipListMap<>()).put(key, size);
        return this;
    }

    ListingFakeS3 deny(String bucket) {
        denied.put(bucket, Boolean.TRUE);
        return this;
    }

    /** The query parameters of every listing request, in order. */
    List<Map<String, String>> listRequests() {
        return List.copyOf(listRequests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String bucket = exchange.getRequestURI().getPath().replaceAll("^/|/$", "");
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!"GET".equals(exchange.getRequestMethod()) || !"2".equals(query.get("list-type"))) {
                send(exchange, 400, error("InvalidRequest", "the fake only answers ListObjectsV2"));
                return;
            }
            listRequests.add(query);
            if (denied.containsKey(bucket)) {
                send(exchange, 403, error("AccessDenied", "Access Denied"));
            } else if (!buckets.containsKey(bucket)) {
                send(exchange, 404, error("NoSuchBucket", "The specified bucket does not exist"));
            } else {
                send(exchange, 200, list(bucket, query));
            }
        }
    }

    private String list(String bucket, Map<String, String> query) {
        String prefix = query.getOrDefault("prefix", "");
        boolean urlEncoded = "url".equals(query.get("encoding-type"));
        int maxKeys = Math.min(pageSize, Integer.parseInt(query.getOrDefault("max-keys", "1000")));
        int start = query.containsKey("continuation-token") ? Integer.parseInt(query.get("continuation-token").substring(4)) : 0;
        List<Map.Entry<String, Long>> matching = new ArrayList<>();
        buckets.get(bucket).entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).forEach(matching::add);
        List<Map.Entry<String, Long>> page = matching.subList(Math.min(start, matching.size()), Math.min(start + maxKeys, matching.size()));
        boolean truncated = start + maxKeys < matching.size();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .append("<Name>").append(bucket).append("</Name>")
                .append("<Prefix>").append(xmlText(urlEncoded ? encode(prefix) : prefix)).append("</Prefix>")
                .append("<KeyCount>").append(page.size()).append("</KeyCount>")
                .append("<MaxKeys>").append(maxKeys).append("</MaxKeys>");
        if (urlEncoded) {
            xml.append("<EncodingType>url</EncodingType>");
        }
        xml.append("<IsTruncated>").append(truncated).append("</IsTruncated>");
        if (query.containsKey("continuation-token")) {
            xml.append("<ContinuationToken>").append(query.get("continuation-token")).append("</ContinuationToken>");
        }
        if (truncated) {
            xml.append("<NextContinuationToken>page").append(start + maxKeys).append("</NextContinuationToken>");
        }
        for (Map.Entry<String, Long> object : page) {
            xml.append("<Contents><Key>").append(xmlText(urlEncoded ? encode(object.getKey()) : object.getKey())).append("</Key>")
                    .append("<LastModified>").append(lastModified).append("</LastModified>")
                    .append("<ETag>&quot;5e3f").append(Integer.toHexString(object.getKey().hashCode())).append("&quot;</ETag>")
                    .append("<Size>").append(object.getValue()).append("</Size>")
                    .append("<StorageClass>STANDARD</StorageClass></Contents>");
        }
        return xml.append("</ListBucketResult>").toString();
    }

    /** S3's url encoding type: form encoding, so a space is {@code +} and a literal {@code +} is {@code %2B}. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>FAKE0001</RequestId></Error>";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.put(name, value);
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.getResponseHeaders().add("x-amz-request-id", "FAKE0001");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
