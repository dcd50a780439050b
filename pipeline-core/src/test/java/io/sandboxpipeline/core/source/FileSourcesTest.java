package io.sandboxpipeline.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourcesTest {

    @TempDir
    Path dir;

    private FileSources anyPath;

    @BeforeEach
    void allowTheTestDirectory() {
        anyPath = new FileSources(List.of(dir), HttpSourcePolicy.anyHost(), Duration.ofSeconds(5));
    }

    @Test
    void shouldRefuseEveryLocalFileWhenNoRootIsConfigured() throws Exception {
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc");
        FileSources byDefault = new FileSources(List.of(), HttpSourcePolicy.publicOnly(), Duration.ofSeconds(5));

        for (URI uri : List.of(file.toUri(), URI.create("file:///etc/passwd"), URI.create("file:///tmp/../etc/passwd"))) {
            assertThatThrownBy(() -> byDefault.resolve(uri)).as("%s", uri)
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("file:// sources are refused")
                    .hasMessageContaining("submitter.allowed.roots")
                    .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.INVALID);
        }
    }

    @Test
    void shouldNotTellWhetherAFileOutsideTheRootsExists() throws Exception {
        Path root = Files.createDirectories(dir.resolve("incoming"));
        FileSources confined = new FileSources(List.of(root), HttpSourcePolicy.publicOnly(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> confined.resolve(URI.create("file:///etc/no-such-file-here")))
                .hasMessageContaining("outside the allowed source directories");
        assertThatThrownBy(() -> confined.resolve(URI.create("file:///etc/passwd")))
                .hasMessageContaining("outside the allowed source directories");
    }

    @Test
    void shouldRefuseAHardLinkToAFileOutsideTheRoots() throws Exception {
        Path root = Files.createDirectories(dir.resolve("incoming"));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "not yours");
        Path link = Files.createLink(root.resolve("innocent.txt"), secret);
        FileSources confined = new FileSources(List.of(root), HttpSourcePolicy.publicOnly(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> confined.resolve(link.toUri()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("hard links");
    }

    @Test
    void shouldHashALocalFileStreamed() throws Exception {
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc");

        SourceObject object = anyPath.resolve(file.toUri());
        Sha256.Digest digest = anyPath.hash(object);

        assertThat(object.name()).isEqualTo("abc.txt");
        assertThat(object.size()).isEqualTo(3);
        // the FIPS 180-2 test vector for "abc"
        assertThat(digest.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(digest.size()).isEqualTo(3);
    }

    @Test
    void shouldRefuseFilesOutsideTheAllowedRoots() throws Exception {
        Path root = Files.createDirectories(dir.resolve("incoming"));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "not yours");
        FileSources confined = new FileSources(List.of(root), HttpSourcePolicy.publicOnly(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> confined.resolve(URI.create(root.toUri() + "../secret.txt")))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("outside the allowed source directories")
                .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.INVALID);
        Path link = Files.createSymbolicLink(root.resolve("link.txt"), secret);
        assertThatThrownBy(() -> confined.resolve(link.toUri()))
                .hasMessageContaining("outside the allowed source directories");
    }

    @Test
    void shouldAcceptFilesInsideTheAllowedRoots() throws Exception {
        Path root = Files.createDirectories(dir.resolve("incoming"));
        Path file = Files.writeString(root.resolve("ok.txt"), "fine");

        assertThat(new FileSources(List.of(root), HttpSourcePolicy.publicOnly(), Duration.ofSeconds(5)).resolve(file.toUri()).size()).isEqualTo(4);
    }

    @Test
    void shouldTellMissingFromUnsupported() {
        assertThatThrownBy(() -> anyPath.resolve(dir.resolve("gone").toUri()))
                .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> anyPath.resolve(URI.create("s3://bucket/key")))
                .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.UNSUPPORTED);
        assertThatThrownBy(() -> FileSources.parse("no scheme here"))
                .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.INVALID);
    }

    @Test
    void shouldReadHttpSources() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/files/report.pdf", exchange -> {
            byte[] body = "abc".getBytes(StandardCharsets.UTF_8);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/report.pdf");

            SourceObject object = anyPath.resolve(uri);

            assertThat(object.name()).isEqualTo("report.pdf");
            assertThat(object.size()).isEqualTo(3);
            assertThat(anyPath.hash(object).sha256()).startsWith("ba7816bf");
            URI missing = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/nothing");
            assertThatThrownBy(() -> anyPath.resolve(missing))
                    .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.NOT_FOUND);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldHashLargeStreamsWithAFixedBuffer() throws IOException {
        long size = 64L * 1024 * 1024 + 7;
        InputStream zeros = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };

        Sha256.Digest digest = Sha256.of(zeros);

        assertThat(digest.size()).isEqualTo(size);
        assertThat(digest.sha256()).hasSize(64);
    }

    @Test
    void shouldRefuseInternalAndMetadataAddressesUnlessAllowed() {
        FileSources publicOnly = new FileSources(List.of(), HttpSourcePolicy.publicOnly(), Duration.ofSeconds(2));

        for (String uri : List.of("http://127.0.0.1:8080/x", "http://localhost/x", "http://10.0.0.5/x", "http://192.168.1.1/x",
                "http://172.16.0.1/x", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/x", "http://[::1]/x",
                "http://[fd00::1]/x", "http://0.0.0.0/x")) {
            assertThatThrownBy(() -> publicOnly.resolve(URI.create(uri)))
                    .as(uri)
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("refused")
                    .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.INVALID);
        }
    }

    @Test
    void shouldRefuseHostsOutsideTheAllowList() {
        FileSources onlyStorage = new FileSources(List.of(), new HttpSourcePolicy(List.of("storage.example.com"), false), Duration.ofSeconds(2));

        assertThatThrownBy(() -> onlyStorage.resolve(URI.create("https://attacker.example.net/payload")))
                .hasMessageContaining("not one of the allowed source hosts");
    }

    @Test
    void shouldNotFollowRedirects() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/moved");
            assertThatThrownBy(() -> anyPath.resolve(uri)).hasMessageContaining("redirects are not followed");
        } finally {
            server.stop(0);
        }
    }
}
