package io.sandboxpipeline.submitter.ingest;

import io.sandboxpipeline.core.source.Sha256;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Turns an {@code ObjectCreated} record into the pipeline's input event, with an id fixed by the object version. */
final class S3FileArrivals {

    static final String ATTRIBUTE_BUCKET = "bucket";
    static final String ATTRIBUTE_KEY = "key";
    static final String ATTRIBUTE_ETAG = "eTag";
    static final String ATTRIBUTE_VERSION_ID = "versionId";
    static final String ATTRIBUTE_SEQUENCER = "sequencer";
    static final String ATTRIBUTE_REGION = "region";
    static final String ATTRIBUTE_EVENT_NAME = "eventName";
    /** S3's version id of objects written while versioning was never enabled or is suspended: overwritten in place. */
    private static final String NULL_VERSION = "null";

    private S3FileArrivals() {
    }

    /**
     * {@code "s3:" + sha256(bucket, key, what identifies the version)}: the same object version always gets the same id,
     * however often or by whichever route its notification arrives. The version is identified by the first of
     * versionId (unless absent or S3's "null" version, which a later write replaces), sequencer (grows with every write
     * of the key), eTag (changes with the content), eventTime; each part is length-prefixed so no two inputs collide.
     */
    static String eventId(S3EventRecord event) {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        part(input, event.bucket());
        part(input, event.key());
        if (event.versionId() != null && !NULL_VERSION.equals(event.versionId())) {
            part(input, "versionId");
            part(input, event.versionId());
        } else if (event.sequencer() != null) {
            part(input, "sequencer");
            part(input, event.sequencer());
        } else if (event.eTag() != null) {
            part(input, "eTag");
            part(input, event.eTag());
        } else if (event.eventTime() != null) {
            part(input, "eventTime");
            part(input, event.eventTime().toString());
        } else {
            // nothing tells versions apart: every notification for this key within the window counts as one
            part(input, "none");
        }
        return "s3:" + Sha256.ofBytes(input.toByteArray());
    }

    private static void part(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    static FileArrival toFileArrival(S3EventRecord event, String eventId) {
        return FileArrival.newBuilder()
                .setEventId(eventId)
                .setUri(S3Uris.of(event.bucket(), event.key()))
                .setSha256(null)
                .setSize(event.size())
                .setName(name(event.key()))
                .setContentType(event.contentType())
                .setSourceSystem(event.eventSource())
                .setLane(Lane.LIVE)
                .setArrivalTime(event.eventTime())
                .setAttributes(attributes(event))
                .build();
    }

    /** The last path segment of the key; null for a key ending in '/' (a "folder" marker). */
    static String name(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return name.isEmpty() ? null : name;
    }

    private static Map<String, String> attributes(S3EventRecord event) {
        Map<String, String> attributes = new TreeMap<>();
        attributes.put(ATTRIBUTE_BUCKET, event.bucket());
        attributes.put(ATTRIBUTE_KEY, event.key());
        attributes.put(ATTRIBUTE_EVENT_NAME, event.eventName());
        putIfPresent(attributes, ATTRIBUTE_ETAG, event.eTag());
        putIfPresent(attributes, ATTRIBUTE_VERSION_ID, event.versionId());
        putIfPresent(attributes, ATTRIBUTE_SEQUENCER, event.sequencer());
        putIfPresent(attributes, ATTRIBUTE_REGION, event.region());
        return attributes;
    }

    private static void putIfPresent(Map<String, String> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }
}
