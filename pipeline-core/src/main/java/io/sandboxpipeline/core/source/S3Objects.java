package io.sandboxpipeline.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Reads {@code s3://bucket/key} sources from Amazon S3 or an S3-compatible store with the AWS SDK v2: a HEAD for the
 * size, and a fresh streamed GET each time the content is opened (hashing and every upload attempt), so memory stays
 * bounded whatever the object's size. Blocks on I/O: call it from a worker pool, never from a stream thread.
 * Thread-safe; close it to release the SDK's connections and credential refreshers.
 */
public final class S3Objects implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    /** The longest validity SigV4 allows for a presigned URL. */
    static final Duration MAX_PRESIGN_VALIDITY = Duration.ofDays(7);

    private final S3Settings settings;
    private final AwsCredentialsProvider credentials;
    private final S3Client client;
    private final S3Presigner presigner;

    public S3Objects(S3Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credentials = settings.credentials()
                .<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(), c.revealSecret())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        this.client = client(settings, credentials);
        this.presigner = presigner(settings, credentials);
    }

    private static S3Client client(S3Settings settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                // the JDK's HttpURLConnection: no Netty or Apache client on the classpath, and the SDK closes it with us
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(READ_TIMEOUT))
                // SDK 2.30+ defaults to flexible checksums WHEN_SUPPORTED; S3-compatible stores may not know their
                // headers, send none, or send composite values. Only where an operation requires them: we only read,
                // and the pipeline relies on the SHA-256 it computes over the stream anyway.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresentOrElse(builder::endpointOverride,
                // Amazon S3 only: follow a bucket into its own region instead of failing with a 301
                () -> builder.crossRegionAccessEnabled(true));
        return builder.build();
    }

    private static S3Presigner presigner(S3Settings settings, AwsCredentialsProvider credentials) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * Looks the object up (HEAD): its size, its name (the key's last segment) and a way to stream it. Each
     * {@link SourceObject#open()} is a new GET that only succeeds while the object still has the ETag seen here, so
     * an upload never sends other bytes than were hashed through the same {@link SourceObject}.
     *
     * @throws SourceException INVALID for a malformed URI, NOT_FOUND for a missing key or bucket, UNREADABLE for a
     *                         denied access (with the store's reason), another error answer or an unreachable store
     */
    private S3Location allowed(S3Location location) throws SourceException {
        if (!settings.allows(location.bucket())) {
            throw new SourceException(SourceException.Kind.INVALID, "bucket " + location.bucket() + " is not in "
                    + S3Settings.ALLOWED_BUCKETS);
        }
        return location;
    }

    public SourceObject resolve(URI s3Uri) throws SourceException {
        S3Location location = allowed(S3Location.of(s3Uri));
        HeadObjectResponse head;
        try {
            head = client.headObject(request -> request.bucket(location.bucket()).key(location.key()));
        } catch (SdkException e) {
            throw failure(location, e);
        }
        long size = head.contentLength() == null ? -1 : head.contentLength();
        String eTag = head.eTag();
        return new SourceObject(s3Uri, location.name(), size, () -> open(location, eTag));
    }

    /**
     * A presigned GET URL of the object, valid for {@code validity} (for submitting by URL). The URL grants read access
     * to anyone holding it until it expires: do not log it. The object is not looked up.
     *
     * @throws SourceException INVALID for a malformed URI, UNREADABLE when no credentials can be found to sign with
     */
    public URI presign(URI s3Uri, Duration validity) throws SourceException {
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_PRESIGN_VALIDITY) > 0) {
            throw new IllegalArgumentException("presigned URL validity must be positive and at most 7 days, got " + validity);
        }
        S3Location location = allowed(S3Location.of(s3Uri));
        try {
            return presigner.presignGetObject(presign -> presign.signatureDuration(validity)
                    .getObjectRequest(get -> get.bucket(location.bucket()).key(location.key()))).url().toURI();
        } catch (SdkException e) {
            throw new SourceException(SourceException.Kind.UNREADABLE, "cannot sign a URL for " + location + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the AWS SDK presigned a URL that is not a URI: " + e.getReason(), e);
        }
    }

    private InputStream open(S3Location location, String eTag) throws IOException {
        try {
            return client.getObject(request -> request.bucket(location.bucket()).key(location.key()).ifMatch(eTag));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(location.toString(), null, "the object no longer exists");
            }
            if (e.statusCode() == 412) {
                throw new IOException(location + " was replaced after it was looked up (no longer ETag " + eTag + "); look it up again");
            }
            throw new IOException(failure(location, e).getMessage(), e);
        } catch (SdkException e) {
            throw new IOException(failure(location, e).getMessage(), e);
        }
    }

    private SourceException failure(S3Location location, SdkException e) {
        if (!(e instanceof S3Exception answer)) {
            return new SourceException(SourceException.Kind.UNREADABLE, "cannot read " + location + " from "
                    + settings.endpoint().map(URI::toString).orElse("Amazon S3") + ": " + e.getMessage(), e);
        }
        String code = answer.awsErrorDetails() == null ? null : answer.awsErrorDetails().errorCode();
        return switch (answer.statusCode()) {
            case 404 -> new SourceException(SourceException.Kind.NOT_FOUND, "NoSuchBucket".equals(code)
                    ? "bucket " + location.bucket() + " does not exist (" + location + ")"
                    : "object not found: " + location, e);
            case 403 -> new SourceException(SourceException.Kind.UNREADABLE, "access denied to " + location + " ("
                    + reason(answer, code) + "); check the S3 credentials and the bucket policy", e);
            default -> new SourceException(SourceException.Kind.UNREADABLE, "S3 answered HTTP " + answer.statusCode() + " for "
                    + location + ": " + reason(answer, code), e);
        };
    }

    /** The store's error code and message when it sent a body (a HEAD answer has none), else the SDK's summary. */
    private static String reason(S3Exception answer, String code) {
        String message = answer.awsErrorDetails() == null ? null : answer.awsErrorDetails().errorMessage();
        if (code != null && message != null) {
            return code + ": " + message;
        }
        return code != null ? code : answer.getMessage();
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
        // a provider we pass in is ours to close (the default chain may hold refresh threads); the client leaves it open
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return "S3Objects[" + settings + "]";
    }
}
