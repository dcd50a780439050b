package io.sandboxpipeline.submitter.ingest;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** {@code s3://bucket/key} URIs: the key percent-encoded only where a URI needs it, so {@code URI.getPath()} gives it back. */
final class S3Uris {

    /** Today's rules are stricter (3-63 lower-case), but older buckets and other stores allow upper case and '_'. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    /** RFC 3986 path characters besides letters and digits: unreserved, sub-delims, ':', '@' and the separator '/'. */
    private static final String PATH_CHARACTERS = "-._~!$&'()*+,;=:@/";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private S3Uris() {
    }

    static boolean isBucketName(String bucket) {
        return BUCKET_NAME.matcher(bucket).matches();
    }

    static String of(String bucket, String key) {
        if (!isBucketName(bucket)) {
            throw new IllegalArgumentException("not an S3 bucket name: " + bucket);
        }
        return "s3://" + bucket + "/" + encodePath(key);
    }

    /** Percent-encodes the UTF-8 bytes of everything a URI path may not hold as it is (space, '%', '?', '#', non-ASCII, ...). */
    static String encodePath(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isAsciiLetterOrDigit(c) || PATH_CHARACTERS.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0f]);
            }
        }
        return encoded.toString();
    }

    private static boolean isAsciiLetterOrDigit(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
