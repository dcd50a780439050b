package io.sandboxpipeline.core.source;

import java.net.URI;

/**
 * The bucket and key named by an {@code s3://bucket/key} URI. The key is the URI's decoded path without its leading
 * slash, so a key with a space or a {@code ?} is written percent-encoded ({@code %20}, {@code %3F}).
 */
record S3Location(String bucket, String key) {

    static S3Location of(URI uri) throws SourceException {
        if (!"s3".equalsIgnoreCase(uri.getScheme()) || uri.isOpaque()) {
            throw invalid("not an s3://bucket/key uri: " + uri);
        }
        // the authority, not the host: legacy bucket names with '_' or upper case are not valid host names
        String bucket = uri.getAuthority();
        if (bucket == null || bucket.isEmpty() || bucket.contains("@") || bucket.contains(":")) {
            throw invalid("s3 uri has no usable bucket name (expected s3://bucket/key): " + uri);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("s3 uri must not have a query or fragment (percent-encode '?' and '#' in keys as %3F and %23): " + uri);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String key = path.startsWith("/") ? path.substring(1) : path;
        if (key.isEmpty()) {
            throw invalid("s3 uri names a bucket but no object key (expected s3://bucket/key): " + uri);
        }
        if (key.endsWith("/")) {
            throw invalid("s3 uri names a folder, not an object: " + uri);
        }
        return new S3Location(bucket, key);
    }

    /** The last segment of the key: the file name the Sandbox shows. */
    String name() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }

    private static SourceException invalid(String message) {
        return new SourceException(SourceException.Kind.INVALID, message);
    }
}
