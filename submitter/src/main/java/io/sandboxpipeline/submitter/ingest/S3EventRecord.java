package io.sandboxpipeline.submitter.ingest;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * One record of an S3 event notification as {@link S3EventParser} read it: the object key decoded, the event name
 * without the {@code s3:} prefix, and empty strings read as absent.
 *
 * @param eventName   the event type, e.g. {@code ObjectCreated:Put} (never with the {@code s3:} prefix)
 * @param eventSource who sent it, e.g. {@code aws:s3}, {@code minio:s3}, {@code ceph:s3}; null if not given
 * @param region      {@code awsRegion} (the zonegroup on Ceph RGW); null if not given
 * @param eventTime   when the store finished the request; null if not given or unreadable
 * @param bucket      the bucket name
 * @param key         the object key, decoded
 * @param size        the object size in bytes; null if not given (delete events) or unreadable
 * @param eTag        the object's entity tag; null if not given
 * @param versionId   the object version; null if not given (bucket not versioned)
 * @param sequencer   the store's per-key ordering value (hexadecimal); null if not given
 * @param contentType the object's MIME type (MinIO sends it); null if not given
 */
public record S3EventRecord(String eventName, String eventSource, String region, Instant eventTime, String bucket,
                            String key, Long size, String eTag, String versionId, String sequencer, String contentType) {

    private static final String CREATED_PREFIX = "ObjectCreated:";
    /**
     * MinIO reports these under {@code s3:ObjectCreated:*} although they change only an existing object's retention,
     * legal hold or tags: the content is the same, so there is nothing new to scan.
     */
    private static final Set<String> METADATA_ONLY_CREATED = Set.of("objectcreated:putretention",
            "objectcreated:putlegalhold", "objectcreated:puttagging", "objectcreated:deletetagging");

    public S3EventRecord {
        requireText(eventName, "eventName");
        requireText(bucket, "bucket");
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (eventName.regionMatches(true, 0, "s3:", 0, 3)) {
            throw new IllegalArgumentException("eventName is stored without the 's3:' prefix, got " + eventName);
        }
        if (size != null && size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /**
     * Whether this event brings content to scan: every {@code ObjectCreated:*} type (Put, Post, Copy,
     * CompleteMultipartUpload, and types added later), except MinIO's metadata-only ones.
     */
    public boolean createsContent() {
        String lower = eventName.toLowerCase(Locale.ROOT);
        return lower.startsWith(CREATED_PREFIX.toLowerCase(Locale.ROOT)) && !METADATA_ONLY_CREATED.contains(lower);
    }
}
