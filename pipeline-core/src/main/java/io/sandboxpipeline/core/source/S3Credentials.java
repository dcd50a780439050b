package io.sandboxpipeline.core.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A static S3 access key pair ({@code s3.access.key} / {@code s3.secret.key}), for stores such as MinIO or Ceph RGW
 * that do not take part in the AWS default credentials chain.
 *
 * <p>The secret key is a secret: {@link #toString()} never shows it, no exception message quotes it, and there is
 * deliberately no getter named like a property, so serialisers and loggers that reflect over getters do not pick it up.
 */
public final class S3Credentials {

    private final String accessKeyId;
    private final String secretAccessKey;

    private S3Credentials(String accessKeyId, String secretAccessKey) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
    }

    /** Both values are trimmed and must be non-blank; error messages never quote them. */
    public static S3Credentials of(String accessKeyId, String secretAccessKey) {
        Objects.requireNonNull(accessKeyId, "s3.access.key must not be null");
        Objects.requireNonNull(secretAccessKey, "s3.secret.key must not be null");
        String id = accessKeyId.strip();
        String secret = secretAccessKey.strip();
        if (id.isEmpty()) {
            throw new IllegalArgumentException("s3.access.key must not be blank");
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("s3.secret.key must not be blank");
        }
        return new S3Credentials(id, secret);
    }

    /** The access key id: it identifies the key pair and is not itself secret. */
    public String accessKeyId() {
        return accessKeyId;
    }

    /** The secret key; only meant for handing to the AWS SDK's credentials provider. */
    String revealSecret() {
        return secretAccessKey;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof S3Credentials that && accessKeyId.equals(that.accessKeyId)
                && MessageDigest.isEqual(secretAccessKey.getBytes(StandardCharsets.UTF_8), that.secretAccessKey.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return accessKeyId.hashCode();
    }

    @Override
    public String toString() {
        return "S3Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=(hidden)]";
    }
}
