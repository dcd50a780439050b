package io.sandboxpipeline.core.source;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Run in a child JVM with a small heap by {@link S3ObjectsTest}: resolves and hashes one {@code s3://} object through
 * {@link FileSources} and prints {@code <sha256> <size> <max heap bytes>}. An object larger than the heap can only be
 * hashed if it is streamed.
 */
final class S3HashProbe {

    private S3HashProbe() {
    }

    public static void main(String[] args) throws Exception {
        S3Settings settings = new S3Settings(Optional.of(URI.create(args[0])), "us-east-1", true,
                Optional.of(S3Credentials.of(S3ObjectsTest.ACCESS_KEY, S3ObjectsTest.SECRET_KEY)));
        try (S3Objects s3 = new S3Objects(settings)) {
            FileSources sources = new FileSources(List.of(), HttpSourcePolicy.publicOnly(), Duration.ofSeconds(5), Optional.of(s3));
            Sha256.Digest digest = sources.hash(sources.resolve(URI.create(args[1])));
            System.out.println(digest.sha256() + " " + digest.size() + " " + Runtime.getRuntime().maxMemory());
        }
    }
}
