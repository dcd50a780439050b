package io.sandboxpipeline.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resolves file-arrival URIs to readable objects: {@code file://} paths confined to root directories (none allowed
 * until roots are configured: anyone who can write to the input topic could otherwise have any file the pipeline can
 * read sent to the Sandbox),
 * {@code http(s)://} URLs and, when an {@link S3Objects} reader is given, {@code s3://bucket/key} objects. Other schemes
 * ({@code s3://} without an S3 reader) are reported as unsupported.
 * Everything here blocks on I/O: call it from a worker pool, never from a stream thread.
 */
public final class FileSources {

    /** The setting that lists the allowed roots, named in the refusals. */
    public static final String ALLOWED_ROOTS_KEY = "submitter.allowed.roots";

    private final List<Path> allowedRoots;
    /** The roots as configured (absolute, normalized), for the check that is made before the file system is asked. */
    private final List<Path> configuredRoots;
    private final HttpSourcePolicy httpPolicy;
    private final HttpClient http;
    private final Duration httpTimeout;
    private final Optional<S3Objects> s3;

    /**
     * Without an S3 reader: {@code s3://} sources are reported as {@link SourceException.Kind#UNSUPPORTED}.
     *
     * @param allowedRoots directories {@code file://} URIs must resolve into (after symlinks); empty refuses every
     *                     {@code file://} source
     * @param httpPolicy   which {@code http(s)://} hosts and addresses may be fetched
     * @param httpTimeout  timeout for fetching {@code http(s)://} sources
     */
    public FileSources(List<Path> allowedRoots, HttpSourcePolicy httpPolicy, Duration httpTimeout) {
        this(allowedRoots, httpPolicy, httpTimeout, Optional.empty());
    }

    /**
     * @param allowedRoots directories {@code file://} URIs must resolve into (after symlinks); empty refuses every
     *                     {@code file://} source
     * @param httpPolicy   which {@code http(s)://} hosts and addresses may be fetched
     * @param httpTimeout  timeout for fetching {@code http(s)://} sources
     * @param s3           reads {@code s3://} sources; empty reports them as unsupported. Still owned (and closed) by
     *                     the caller
     */
    public FileSources(List<Path> allowedRoots, HttpSourcePolicy httpPolicy, Duration httpTimeout, Optional<S3Objects> s3) {
        this.s3 = Objects.requireNonNull(s3, "s3 (Optional.empty() when s3:// sources are not read)");
        this.allowedRoots = allowedRoots.stream().map(FileSources::realPath).toList();
        this.configuredRoots = allowedRoots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
        this.httpPolicy = Objects.requireNonNull(httpPolicy, "httpPolicy");
        this.httpTimeout = Objects.requireNonNull(httpTimeout, "httpTimeout");
        // redirects are not followed: a redirect could lead past the host and address checks
        this.http = HttpClient.newBuilder().connectTimeout(httpTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static Path realPath(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("allowed root directory " + root + " does not exist");
        }
    }

    /** Parses and checks a URI without touching the object. */
    public static URI parse(String uri) throws SourceException {
        if (uri == null || uri.isBlank()) {
            throw new SourceException(SourceException.Kind.INVALID, "the event has no uri");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new SourceException(SourceException.Kind.INVALID, "malformed uri: " + e.getReason());
        }
        if (parsed.getScheme() == null) {
            throw new SourceException(SourceException.Kind.INVALID, "uri has no scheme (expected file://, s3:// or http(s)://)");
        }
        return parsed;
    }

    /** Resolves a URI to an object whose size and name are known (size -1 for HTTP without Content-Length). */
    public SourceObject resolve(URI uri) throws SourceException {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> resolveFile(uri);
            case "http", "https" -> resolveHttp(uri);
            case "s3" -> resolveS3(uri);
            default -> throw new SourceException(SourceException.Kind.UNSUPPORTED,
                    "unsupported uri scheme '" + scheme + "' (supported: file, http, https" + (s3.isPresent() ? ", s3)" : ")"));
        };
    }

    private SourceObject resolveS3(URI uri) throws SourceException {
        if (s3.isEmpty()) {
            throw new SourceException(SourceException.Kind.UNSUPPORTED, "s3:// sources are not enabled: set " + S3Settings.REGION
                    + " (Amazon S3) or " + S3Settings.ENDPOINT + " (MinIO, Ceph RGW, ...), and " + S3Settings.ACCESS_KEY + "/"
                    + S3Settings.SECRET_KEY + " unless the AWS default credentials apply");
        }
        return s3.get().resolve(uri);
    }

    /**
     * A URL the Sandbox can fetch the object from itself: a presigned GET URL for {@code s3://} (valid for
     * {@code validity}; it grants read access, so it is never logged), the URL itself for {@code http(s)://}.
     */
    public URI fetchableUrl(URI uri, Duration validity) throws SourceException {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
            return uri;
        }
        if (scheme.equals("s3") && s3.isPresent()) {
            return s3.get().presign(uri, validity);
        }
        throw new SourceException(SourceException.Kind.UNSUPPORTED, scheme + ":// sources cannot be submitted by URL"
                + (scheme.equals("s3") ? " until S3 is configured (s3.endpoint / s3.region)" : ": the Sandbox cannot fetch them"));
    }

    /** Hashes the object, streaming (local files through a direct buffer). */
    public Sha256.Digest hash(SourceObject object) throws SourceException {
        try {
            if ("file".equalsIgnoreCase(object.uri().getScheme())) {
                return Sha256.of(Path.of(object.uri()));
            }
            try (InputStream in = object.open()) {
                return Sha256.of(in);
            }
        } catch (NoSuchFileException e) {
            boolean local = "file".equalsIgnoreCase(object.uri().getScheme());
            throw new SourceException(SourceException.Kind.NOT_FOUND, local ? "file not found: " + object.uri().getPath() : "not found: " + e.getMessage());
        } catch (IOException e) {
            throw new SourceException(SourceException.Kind.UNREADABLE, "cannot read " + object.uri() + ": " + e.getMessage(), e);
        }
    }

    private SourceObject resolveFile(URI uri) throws SourceException {
        Path path;
        try {
            path = Path.of(uri);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new SourceException(SourceException.Kind.INVALID, "not a local file uri: " + e.getMessage());
        }
        if (allowedRoots.isEmpty()) {
            throw new SourceException(SourceException.Kind.INVALID, "file:// sources are refused: no directory is allowed;"
                    + " set " + ALLOWED_ROOTS_KEY + " to the comma-separated directories file:// events may name");
        }
        // checked on the name first (with '..' resolved), before the file system is asked: whether a file outside the
        // roots exists is nobody's business
        Path named = path.toAbsolutePath().normalize();
        if (Stream.concat(configuredRoots.stream(), allowedRoots.stream()).noneMatch(named::startsWith)) {
            throw outsideRoots(path);
        }
        if (!Files.exists(path)) {
            throw new SourceException(SourceException.Kind.NOT_FOUND, "file not found: " + path);
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new SourceException(SourceException.Kind.UNREADABLE, "cannot resolve " + path + ": " + e.getMessage());
        }
        // a symlink inside a root may point anywhere: the real path must be inside too
        if (allowedRoots.stream().noneMatch(real::startsWith)) {
            throw outsideRoots(path);
        }
        if (!Files.isRegularFile(real)) {
            throw new SourceException(SourceException.Kind.INVALID, "not a regular file: " + path);
        }
        refuseHardLinks(path, real);
        if (!Files.isReadable(real)) {
            throw new SourceException(SourceException.Kind.UNREADABLE, "file is not readable: " + path);
        }
        long size;
        try {
            size = Files.size(real);
        } catch (IOException e) {
            throw new SourceException(SourceException.Kind.UNREADABLE, "cannot stat " + path + ": " + e.getMessage());
        }
        Path name = real.getFileName();
        return new SourceObject(real.toUri(), name == null ? real.toString() : name.toString(), size, () -> Files.newInputStream(real));
    }

    private static SourceException outsideRoots(Path path) {
        return new SourceException(SourceException.Kind.INVALID, "file " + path + " is outside the allowed source directories ("
                + ALLOWED_ROOTS_KEY + ")");
    }

    /**
     * A hard link inside a root can name a file that lives outside it (the same inode), and no path check can tell: a
     * regular file with more than one link is refused. Where the file system has no link count, nothing is refused.
     */
    private static void refuseHardLinks(Path path, Path real) throws SourceException {
        Object links;
        try {
            links = Files.getAttribute(real, "unix:nlink");
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return;
        }
        if (links instanceof Integer count && count > 1) {
            throw new SourceException(SourceException.Kind.INVALID, "file " + path + " has " + count
                    + " hard links: one of them may lie outside the allowed source directories, so it is not read");
        }
    }

    private SourceObject resolveHttp(URI uri) throws SourceException {
        if (uri.getHost() == null) {
            throw new SourceException(SourceException.Kind.INVALID, "http uri has no host: " + uri);
        }
        httpPolicy.check(uri);
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.contains("/") ? path.substring(path.lastIndexOf('/') + 1) : path;
        long size = headSize(uri);
        return new SourceObject(uri, name.isEmpty() ? uri.getHost() : name, size, () -> get(uri));
    }

    private long headSize(URI uri) throws SourceException {
        HttpRequest head = HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(httpTimeout).build();
        try {
            HttpResponse<Void> response = http.send(head, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 404) {
                throw new SourceException(SourceException.Kind.NOT_FOUND, "HTTP 404 for " + uri);
            }
            if (response.statusCode() >= 300) {
                throw new SourceException(response.statusCode() < 400 ? SourceException.Kind.INVALID : SourceException.Kind.UNREADABLE,
                        "HTTP " + response.statusCode() + " for " + uri + (response.statusCode() < 400 ? " (redirects are not followed)" : ""));
            }
            return response.headers().firstValueAsLong("Content-Length").orElse(-1L);
        } catch (IOException e) {
            throw new SourceException(SourceException.Kind.UNREADABLE, "cannot reach " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(SourceException.Kind.UNREADABLE, "interrupted while reaching " + uri);
        }
    }

    private InputStream get(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(httpTimeout).build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() >= 300) {
                response.body().close();
                throw new IOException("HTTP " + response.statusCode() + " for " + uri);
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
    }
}
