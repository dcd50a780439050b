package io.sandboxpipeline.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ObjectsTest {

    static final String ACCESS_KEY = "AKIAFAKES3TESTKEY000";
    static final String SECRET_KEY = "fake/S3+secret-never-shown-0123456789ab";
    private static final String BUCKET = "incoming";

    @TempDir
    Path dir;

    private FakeS3 fake;
    private S3Objects s3;
    private FileSources sources;

    @BeforeEach
    void startStore() throws IOException {
        fake = FakeS3.start().createBucket(BUCKET);
        s3 = new S3Objects(settings(fake.endpoint()));
        // public-only HTTP policy on purpose: the S3 endpoint is the operator's, not an event's, so it is not checked
        sources = new FileSources(List.of(), HttpSourcePolicy.publicOnly(), Duration.ofSeconds(5), Optional.of(s3));
    }

    @AfterEach
    void stopStore() {
        s3.close();
        fake.close();
    }

    static S3Settings settings(URI endpoint) {
        return new S3Settings(Optional.of(endpoint), "us-east-1", true, Optional.of(S3Credentials.of(ACCESS_KEY, SECRET_KEY)));
    }

    @Test
    void shouldResolveHashAndReopenAnObjectThroughTheSdk() throws Exception {
        // given
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        fake.put(BUCKET, "reports/2024/q1 report.pdf", content);

        // when
        SourceObject object = sources.resolve(URI.create("s3://incoming/reports/2024/q1%20report.pdf"));
        Sha256.Digest digest = sources.hash(object);
        byte[] reread;
        try (InputStream again = object.open()) {
            reread = again.readAllBytes();
        }

        // then
        assertThat(object.name()).isEqualTo("q1 report.pdf");
        assertThat(object.size()).isEqualTo(content.length);
        assertThat(digest).isEqualTo(new Sha256.Digest(Sha256.ofBytes(content), content.length));
        assertThat(reread).isEqualTo(content);
        assertThat(fake.requests()).extracting(FakeS3.Request::method).containsExactly("HEAD", "GET", "GET");
        assertThat(fake.requests()).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/incoming/reports/2024/q1 report.pdf");
            assertThat(request.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
                    .contains("/us-east-1/s3/aws4_request");
            // the fake sends no checksum headers and the read still succeeds; and no flexible-checksum header goes out,
            // which S3-compatible stores may not know (a guard for SDK upgrades: other AWS SDKs send it by default)
            assertThat(request.hasHeader("x-amz-checksum-mode")).isFalse();
        });
    }

    @Test
    void shouldReadOnlyTheAllowedBucketsWhenAListIsGiven() throws Exception {
        fake.put(BUCKET, "a.txt", "abc".getBytes(StandardCharsets.UTF_8));
        S3Settings open = settings(fake.endpoint());
        try (S3Objects onlyOthers = new S3Objects(new S3Settings(open.endpoint(), open.region(), open.pathStyle(),
                open.credentials(), Set.of("invoices")))) {
            assertThatThrownBy(() -> onlyOthers.resolve(URI.create("s3://" + BUCKET + "/a.txt")))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("is not in s3.allowed.buckets");
            assertThatThrownBy(() -> onlyOthers.presign(URI.create("s3://" + BUCKET + "/a.txt"), Duration.ofMinutes(5)))
                    .hasMessageContaining("is not in s3.allowed.buckets");
        }
        assertThat(s3.resolve(URI.create("s3://" + BUCKET + "/a.txt")).size()).isEqualTo(3);
    }

    @Test
    void shouldReportMissingKeysAndBucketsAsNotFound() {
        assertThatThrownBy(() -> sources.resolve(URI.create("s3://incoming/never-uploaded.pdf")))
                .isInstanceOf(SourceException.class)
                .hasMessage("object not found: s3://incoming/never-uploaded.pdf")
                .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> sources.resolve(URI.create("s3://no-such-bucket/file.pdf")))
                .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.NOT_FOUND);
    }

    @Test
    void shouldReportAnObjectDeletedAfterItWasResolvedAsNotFound() throws Exception {
        fake.put(BUCKET, "short-lived.txt", "abc".getBytes(StandardCharsets.UTF_8));
        SourceObject object = sources.resolve(URI.create("s3://incoming/short-lived.txt"));

        fake.delete(BUCKET, "short-lived.txt");

        assertThatThrownBy(() -> sources.hash(object))
                .hasMessageContaining("s3://incoming/short-lived.txt")
                .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.NOT_FOUND);
    }

    @Test
    void shouldReportDeniedAccessAsUnreadableWithTheReason() throws Exception {
        fake.put(BUCKET, "hr/salaries.xlsx", "confidential".getBytes(StandardCharsets.UTF_8));
        SourceObject resolvedBeforeTheDenial = sources.resolve(URI.create("s3://incoming/hr/salaries.xlsx"));

        fake.deny(BUCKET, "hr/salaries.xlsx");

        // a HEAD answer has no body: the status is all the store says
        assertThatThrownBy(() -> sources.resolve(URI.create("s3://incoming/hr/salaries.xlsx")))
                .hasMessageStartingWith("access denied to s3://incoming/hr/salaries.xlsx")
                .hasMessageContaining("403")
                .hasMessageContaining("check the S3 credentials and the bucket policy")
                .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.UNREADABLE);
        // a GET answer carries the store's error code and message
        assertThatThrownBy(() -> sources.hash(resolvedBeforeTheDenial))
                .hasMessageContaining("access denied to s3://incoming/hr/salaries.xlsx (AccessDenied: Access Denied)")
                .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.UNREADABLE);
    }

    @Test
    void shouldReportAnUnreachableStoreAsUnreadable() throws IOException {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (S3Objects unreachable = new S3Objects(settings(closedPort))) {
            assertThatThrownBy(() -> unreachable.resolve(URI.create("s3://incoming/a.txt")))
                    .hasMessageStartingWith("cannot read s3://incoming/a.txt from " + closedPort)
                    .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.UNREADABLE);
        }
    }

    @Test
    void shouldNeverStreamOtherBytesThanTheObjectThatWasResolved() throws Exception {
        fake.put(BUCKET, "invoice.pdf", "first version".getBytes(StandardCharsets.UTF_8));
        SourceObject object = sources.resolve(URI.create("s3://incoming/invoice.pdf"));

        fake.put(BUCKET, "invoice.pdf", "second version, replaced after hashing".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(object::open)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("s3://incoming/invoice.pdf was replaced after it was looked up");
        SourceObject current = sources.resolve(URI.create("s3://incoming/invoice.pdf"));
        assertThat(sources.hash(current).sha256()).isEqualTo(Sha256.ofBytes(
                "second version, replaced after hashing".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldRefuseS3UrisThatNameNoObjectWithoutAskingTheStore() {
        for (String uri : List.of("s3://incoming", "s3://incoming/", "s3://incoming/folder/", "s3://incoming/a.pdf?versionId=3",
                "s3://incoming/a.pdf#part", "s3://user@incoming/a.pdf", "s3:incoming/a.pdf")) {
            assertThatThrownBy(() -> sources.resolve(URI.create(uri)))
                    .as(uri)
                    .isInstanceOf(SourceException.class)
                    .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.INVALID);
        }
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void shouldPresignAGetUrlThatReadsTheObject() throws Exception {
        fake.put(BUCKET, "reports/q1.pdf", "abc".getBytes(StandardCharsets.UTF_8));

        URI url = s3.presign(URI.create("s3://incoming/reports/q1.pdf"), Duration.ofMinutes(10));

        assertThat(url.getScheme() + "://" + url.getAuthority()).isEqualTo(fake.endpoint().toString());
        assertThat(url.getPath()).isEqualTo("/incoming/reports/q1.pdf");
        assertThat(url.getQuery()).contains("X-Amz-Signature=", "X-Amz-Expires=600", "X-Amz-Credential=" + ACCESS_KEY + "/")
                .doesNotContain(SECRET_KEY);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("abc");
    }

    @Test
    void shouldRefusePresignedUrlsLongerThanSigV4Allows() {
        assertThatThrownBy(() -> s3.presign(URI.create("s3://incoming/a.pdf"), Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 7 days");
        assertThatThrownBy(() -> s3.presign(URI.create("s3://incoming/"), Duration.ofMinutes(1)))
                .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.INVALID);
    }

    @Test
    void shouldExplainHowToEnableS3WhenItIsOff() {
        FileSources withoutS3 = new FileSources(List.of(), HttpSourcePolicy.publicOnly(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> withoutS3.resolve(URI.create("s3://incoming/a.pdf")))
                .hasMessageContaining("s3.region").hasMessageContaining("s3.endpoint")
                .extracting(e -> ((SourceException) e).kind()).isEqualTo(SourceException.Kind.UNSUPPORTED);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void shouldHashAnObjectLargerThanTheHeapByStreamingIt() throws Exception {
        // given: 200 MB generated by the fake while it is sent, and a child JVM with a 64 MB heap to hash it
        long size = 200L * 1024 * 1024 + 3;
        fake.putGenerated(BUCKET, "images/disk.img", size);
        Sha256.Digest expected = Sha256.of(FakeS3.GeneratedContent.open(size));
        Path output = dir.resolve("probe.out");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), S3HashProbe.class.getName(),
                fake.endpoint().toString(), "s3://incoming/images/disk.img")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        // when
        boolean finished;
        try {
            finished = probe.waitFor(45, TimeUnit.SECONDS);
        } finally {
            probe.destroyForcibly();
        }

        // then
        String printed = Files.readString(output).strip();
        assertThat(finished).as("probe finished in time; it printed: %s", printed).isTrue();
        assertThat(probe.exitValue()).as("probe exit code; it printed: %s", printed).isZero();
        String[] result = printed.substring(printed.lastIndexOf('\n') + 1).split(" ");
        assertThat(Long.parseLong(result[2])).as("the probe's max heap").isLessThan(size / 2);
        assertThat(new Sha256.Digest(result[0], Long.parseLong(result[1]))).isEqualTo(expected);
    }
}
