package io.sandboxpipeline.tools.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Every object under an S3 prefix, listed page by page with {@code ListObjectsV2}, sorted by uri. Keys ending in
 * {@code /} (the "folders" consoles create) are not objects to scan and are left out. Each object becomes an
 * {@code s3://bucket/key} uri with the key percent-encoded, which is how the submitter reads it back.
 */
public final class S3PrefixSource implements ReplaySource {

    private final S3Client client;
    private final String bucket;
    private final String prefix;

    /**
     * @param client the S3 client to list with (the caller closes it)
     * @param bucket the bucket
     * @param prefix the key prefix, taken literally (not percent-decoded); empty for the whole bucket
     */
    public S3PrefixSource(S3Client client, String bucket, String prefix) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public List<ReplayFile> list() throws IOException {
        List<ReplayFile> files = new ArrayList<>();
        String continuation = null;
        try {
            do {
                ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
                if (continuation != null) {
                    request.continuationToken(continuation);
                }
                ListObjectsV2Response page = client.listObjectsV2(request.build());
                for (S3Object object : page.contents()) {
                    if (!object.key().endsWith("/")) {
                        files.add(file(object));
                    }
                }
                continuation = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (continuation != null);
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            throw new IOException("cannot list " + description() + ": S3 answered HTTP " + e.statusCode()
                    + (code == null ? "" : " " + code) + hint(e.statusCode()), e);
        } catch (SdkException e) {
            throw new IOException("cannot list " + description() + ": " + e.getMessage(), e);
        }
        // S3 lists in UTF-8 byte order; sorting again keeps the order the checkpoint relies on whatever the store does
        files.sort(Comparator.comparing(ReplayFile::uri));
        return files;
    }

    private static String hint(int status) {
        return switch (status) {
            case 403 -> ": check the S3 credentials (s3.access.key/s3.secret.key or the AWS chain) and s3:ListBucket on the bucket";
            case 404 -> ": the bucket does not exist (check the name and s3.endpoint)";
            default -> "";
        };
    }

    private ReplayFile file(S3Object object) {
        String key = object.key();
        return new ReplayFile(uri(bucket, key), key.substring(key.lastIndexOf('/') + 1), object.size(), null,
                object.lastModified(), null);
    }

    @Override
    public String description() {
        return "s3://" + bucket + "/" + prefix;
    }

    /**
     * The {@code s3://bucket/key} uri of an object: every byte of the key's UTF-8 form except unreserved characters
     * and {@code /} is percent-encoded, so the uri's decoded path is exactly the key (spaces, {@code ?}, {@code #},
     * {@code %} and non-ASCII included).
     */
    static String uri(String bucket, String key) {
        StringBuilder uri = new StringBuilder("s3://").append(bucket).append('/');
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/".indexOf(c) >= 0) {
                uri.append((char) c);
            } else {
                uri.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return uri.toString();
    }
}
