package io.sandboxpipeline.tools.replay;

import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.source.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Turns the command's SOURCE argument into a {@link ReplaySource}: {@code s3://bucket/prefix}, a directory, or a
 * manifest CSV (any other regular file). Owns the S3 client an S3 source lists with.
 */
public final class ReplaySources implements AutoCloseable {

    private static final Duration S3_TIMEOUT = Duration.ofSeconds(60);

    /** An S3 client and the credentials provider it was built with, closed together. */
    record S3Access(S3Client client, AwsCredentialsProvider credentials) implements AutoCloseable {

        @Override
        public void close() {
            client.close();
            // a provider handed to the client is ours to close (the default chain may hold refresh threads)
            if (credentials instanceof SdkAutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private final ReplaySource source;
    private final Optional<S3Access> s3;

    private ReplaySources(ReplaySource source, Optional<S3Access> s3) {
        this.source = source;
        this.s3 = s3;
    }

    /**
     * @param spec     what the user named
     * @param values   configuration: the {@code s3.*} settings for S3 sources
     * @param excluded files a directory listing leaves out (the checkpoint and the report)
     * @throws IllegalArgumentException when the spec names nothing that can be replayed
     */
    public static ReplaySources open(String spec, ConfigValues values, Set<Path> excluded) {
        if (spec.regionMatches(true, 0, "s3://", 0, 5)) {
            String rest = spec.substring(5);
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            if (bucket.isEmpty()) {
                throw new IllegalArgumentException("'" + spec + "' names no bucket: expected s3://bucket/prefix");
            }
            S3Access access = s3Access(values);
            return new ReplaySources(new S3PrefixSource(access.client(), bucket, prefix), Optional.of(access));
        }
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) {
            return new ReplaySources(new DirectorySource(path, excluded), Optional.empty());
        }
        if (Files.isRegularFile(path)) {
            return new ReplaySources(new ManifestSource(path), Optional.empty());
        }
        throw new IllegalArgumentException("'" + spec + "' is neither a directory, a manifest CSV file nor s3://bucket/prefix");
    }

    public ReplaySource source() {
        return source;
    }

    /**
     * A client for the configured store ({@code s3.endpoint}, {@code s3.region}, {@code s3.path.style}, {@code
     * s3.access.key}/{@code s3.secret.key}); Amazon S3 with the AWS default credentials chain when none is set.
     */
    static S3Access s3Access(ConfigValues values) {
        S3Settings settings = S3Settings.from(values)
                .orElseGet(() -> new S3Settings(Optional.empty(), S3Settings.DEFAULT_REGION, false, Optional.empty()));
        // S3Settings validated that both keys are set or neither; the secret is read here, not from S3Settings, which
        // keeps it to pipeline-core's own readers
        AwsCredentialsProvider credentials = settings.credentials()
                .<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(),
                        values.get(S3Settings.SECRET_KEY).orElseThrow().strip())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(S3_TIMEOUT).socketTimeout(S3_TIMEOUT))
                // as S3Objects: S3-compatible stores may not know the SDK's flexible checksums; listing needs none
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresentOrElse(builder::endpointOverride, () -> builder.crossRegionAccessEnabled(true));
        return new S3Access(builder.build(), credentials);
    }

    @Override
    public void close() {
        s3.ifPresent(S3Access::close);
    }
}
