package io.sandboxpipeline.emulator.internal.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The parts of an HTTP request the operations look at. The body is a stream that is read at most once. */
public final class ApiRequest {

    private final String method;
    private final String path;
    private final List<String> segments;
    private final QueryParameters query;
    private final HttpExchange exchange;

    private ApiRequest(String method, String path, QueryParameters query, HttpExchange exchange) {
        this.method = method;
        this.path = path;
        this.segments = Arrays.stream(path.split("/", -1)).skip(1).toList();
        this.query = query;
        this.exchange = exchange;
    }

    public static ApiRequest from(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        return new ApiRequest(exchange.getRequestMethod(), path == null || path.isEmpty() ? "/" : path,
                QueryParameters.parse(exchange.getRequestURI().getRawQuery()), exchange);
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The decoded path split at '/', without the leading empty segment: {@code /api/scan/file -> [api, scan, file]}. */
    public List<String> segments() {
        return segments;
    }

    public QueryParameters query() {
        return query;
    }

    /** A request header; names are case-insensitive. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    public Optional<String> contentType() {
        return header("Content-Type");
    }

    public InputStream body() {
        return exchange.getRequestBody();
    }
}
