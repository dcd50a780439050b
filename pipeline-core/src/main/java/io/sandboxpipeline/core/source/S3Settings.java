package io.sandboxpipeline.core.source;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where {@code s3://bucket/key} sources are read from: Amazon S3 or an S3-compatible store (MinIO, Ceph RGW, ...).
 *
 * @param endpoint    the store's URL, e.g. {@code http://minio:9000}; empty for Amazon S3 itself
 * @param region      the signing region ({@code us-east-1} unless configured; S3-compatible stores usually accept it)
 * @param pathStyle   {@code http://endpoint/bucket/key} instead of {@code http://bucket.endpoint/key}
 * @param credentials a static key pair; empty for the AWS default credentials chain ({@code AWS_ACCESS_KEY_ID} /
 *                    {@code AWS_SECRET_ACCESS_KEY}, {@code ~/.aws/credentials}, web identity, container and instance roles)
 * @param allowedBuckets the buckets {@code s3://} sources may name ({@code s3.allowed.buckets}); empty: any bucket the
 *                    credentials can read (the credentials are then the allow list)
 */
public record S3Settings(Optional<URI> endpoint, String region, boolean pathStyle, Optional<S3Credentials> credentials,
                         Set<String> allowedBuckets) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String ENDPOINT = "s3.endpoint";
    public static final String REGION = "s3.region";
    public static final String PATH_STYLE = "s3.path.style";
    public static final String ACCESS_KEY = "s3.access.key";
    public static final String SECRET_KEY = "s3.secret.key";
    public static final String ALLOWED_BUCKETS = "s3.allowed.buckets";

    /** Setting any of these turns S3 reading on. */
    static final List<String> KEYS = List.of(ENDPOINT, REGION, PATH_STYLE, ACCESS_KEY, SECRET_KEY);

    private static final Pattern REGION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public S3Settings {
        Objects.requireNonNull(endpoint, "endpoint (use Optional.empty() for Amazon S3)");
        allowedBuckets = Set.copyOf(allowedBuckets);
        Objects.requireNonNull(credentials, "credentials (use Optional.empty() for the AWS default credentials chain)");
        endpoint.ifPresent(S3Settings::checkEndpoint);
        if (region == null || !REGION_NAME.matcher(region).matches()) {
            throw new ConfigException(REGION + " must be a region name such as " + DEFAULT_REGION + ", got '" + region + "'");
        }
    }

    /**
     * The S3 settings in {@code s3.endpoint}, {@code s3.region}, {@code s3.path.style}, {@code s3.access.key} and
     * {@code s3.secret.key} (environment: {@code SP_S3_ENDPOINT} and so on); empty, meaning {@code s3://} sources are
     * not read, when none of them is set. Path-style access defaults to on when an endpoint is set (what MinIO and Ceph
     * RGW expect without wildcard DNS) and off for Amazon S3.
     */
    /** Any bucket the credentials can read. */
    public S3Settings(Optional<URI> endpoint, String region, boolean pathStyle, Optional<S3Credentials> credentials) {
        this(endpoint, region, pathStyle, credentials, Set.of());
    }

    /** Whether {@code s3://bucket/...} sources may be read. */
    public boolean allows(String bucket) {
        return allowedBuckets.isEmpty() || allowedBuckets.contains(bucket);
    }

    public static Optional<S3Settings> from(ConfigValues values) {
        if (KEYS.stream().noneMatch(key -> values.get(key).isPresent())) {
            return Optional.empty();
        }
        Optional<URI> endpoint = values.get(ENDPOINT).map(String::strip).map(S3Settings::parseEndpoint);
        return Optional.of(new S3Settings(endpoint, values.get(REGION, DEFAULT_REGION).strip(),
                values.getBoolean(PATH_STYLE, endpoint.isPresent()), credentials(values),
                Arrays.stream(values.get(ALLOWED_BUCKETS, "").split(",")).map(String::strip).filter(b -> !b.isEmpty())
                        .collect(Collectors.toSet())));
    }

    private static Optional<S3Credentials> credentials(ConfigValues values) {
        Optional<String> accessKey = values.get(ACCESS_KEY);
        Optional<String> secretKey = values.get(SECRET_KEY);
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new ConfigException(ACCESS_KEY + " and " + SECRET_KEY + " must be set together, or neither to use the "
                    + "AWS default credentials chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws, instance roles)");
        }
        return accessKey.map(id -> S3Credentials.of(id, secretKey.orElseThrow()));
    }

    private static URI parseEndpoint(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException(ENDPOINT + " must be a URL such as http://minio:9000: " + e.getReason());
        }
    }

    private static void checkEndpoint(URI endpoint) {
        if (endpoint.toString().contains("@")) {
            // the value is not quoted: user info may hold a password (and a '/' in it moves the '@' out of the authority)
            throw new ConfigException(ENDPOINT + " must not contain user info; set " + ACCESS_KEY + " and " + SECRET_KEY + " instead");
        }
        String scheme = endpoint.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || endpoint.getHost() == null) {
            throw new ConfigException(ENDPOINT + " must be an http(s) URL with a host such as http://minio:9000, got '" + endpoint + "'");
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            // not quoted either: a query may carry a token
            throw new ConfigException(ENDPOINT + " must not have a query or fragment, only scheme, host, port and optional path");
        }
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint.map(URI::toString).orElse("(Amazon S3)") + ", region=" + region
                + ", pathStyle=" + pathStyle + ", credentials="
                + credentials.map(c -> "static key " + c.accessKeyId()).orElse("AWS default chain") + "]";
    }
}
