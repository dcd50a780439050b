package io.sandboxpipeline.submitter.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads S3 event notification JSON as AWS S3, MinIO and Ceph RGW publish it. Tolerant where stores differ: unknown
 * fields are ignored, {@code eventName} may carry the {@code s3:} prefix (MinIO) or not (AWS, Ceph), {@code size} may
 * be a number or a numeric string (Ceph) or absent (delete events), {@code versionId} and empty strings count as
 * absent, MinIO's {@code {"EventName","Key","Records"}} wrapper and an SNS envelope are read through. Strict where a
 * mistake would scan the wrong object: a notification without bucket or key, or with a key that is not validly
 * URL-encoded, is rejected as a whole.
 *
 * <p>Thread-safe.
 */
public final class S3EventParser {

    /** AWS documents 64 KB as the largest notification; anything far larger is not one. */
    static final int MAX_NOTIFICATION_BYTES = 1024 * 1024;
    private static final String S3_PREFIX = "s3:";
    /**
     * Ceph RGW writes the object name as it is (rgw_notify.cc copies it unencoded into the event), unlike AWS S3 and
     * MinIO, which URL-encode it; decoding a raw Ceph key would turn '+' into a space and break on '%'.
     */
    private static final String RAW_KEY_SOURCE_PREFIX = "ceph:";

    private final ObjectMapper mapper = JsonMapper.builder()
            // an ambiguous notification (two "key" fields) must not be read one way here and another way elsewhere
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * @param json the notification as the store wrote it (UTF-8 JSON)
     * @return the test event, or the records (at least one)
     * @throws InvalidNotificationException if this is not an S3 event notification or a record lacks bucket or key
     */
    public S3Notification parse(byte[] json) throws InvalidNotificationException {
        if (json == null || json.length == 0) {
            throw new InvalidNotificationException("empty record: an S3 event notification is a JSON object");
        }
        if (json.length > MAX_NOTIFICATION_BYTES) {
            throw new InvalidNotificationException("notification of " + json.length + " bytes is larger than the "
                    + MAX_NOTIFICATION_BYTES + " bytes an S3 event notification may have");
        }
        JsonNode root = unwrapSnsEnvelope(readObject(json));
        JsonNode records = root.get("Records");
        if (records == null || records.isNull()) {
            if (isTestEvent(root)) {
                return new S3Notification.TestEvent(text(root.get("Bucket")));
            }
            throw new InvalidNotificationException("no 'Records' array and not an s3:TestEvent: not an S3 event notification");
        }
        if (!records.isArray()) {
            throw new InvalidNotificationException("'Records' is " + describe(records) + ", expected an array");
        }
        if (records.isEmpty()) {
            throw new InvalidNotificationException("'Records' is empty: the notification names no object");
        }
        List<S3EventRecord> parsed = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            parsed.add(readRecord(records.get(i), i));
        }
        return new S3Notification.Records(parsed);
    }

    private JsonNode readObject(byte[] json) throws InvalidNotificationException {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidNotificationException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidNotificationException("not readable as JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidNotificationException("expected a JSON object, got " + describe(root));
        }
        return root;
    }

    /** SNS-to-SQS-to-Kafka bridges without raw delivery wrap the S3 JSON in an SNS envelope's "Message" string. */
    private JsonNode unwrapSnsEnvelope(JsonNode root) throws InvalidNotificationException {
        JsonNode message = root.get("Message");
        if ("Notification".equals(text(root.get("Type"))) && message != null && message.isTextual() && !root.has("Records")) {
            return readObject(message.asText().getBytes(StandardCharsets.UTF_8));
        }
        return root;
    }

    private static boolean isTestEvent(JsonNode root) {
        String event = text(root.get("Event"));
        return event != null && withoutPrefix(event).equalsIgnoreCase("TestEvent");
    }

    private static S3EventRecord readRecord(JsonNode record, int index) throws InvalidNotificationException {
        String where = "record " + index;
        if (!record.isObject()) {
            throw new InvalidNotificationException(where + " is " + describe(record) + ", expected an object");
        }
        String eventName = text(record.get("eventName"));
        if (eventName == null || withoutPrefix(eventName).isBlank()) {
            throw new InvalidNotificationException(where + " has no eventName");
        }
        eventName = withoutPrefix(eventName);
        where += " (" + eventName + ")";
        JsonNode s3 = record.path("s3");
        String bucket = text(s3.path("bucket").get("name"));
        if (bucket == null) {
            throw new InvalidNotificationException(where + " has no s3.bucket.name");
        }
        if (!S3Uris.isBucketName(bucket)) {
            throw new InvalidNotificationException(where + " has bucket name '" + abbreviate(bucket)
                    + "', which is not an S3 bucket name (letters, digits, '.', '-', '_'; at most 255)");
        }
        JsonNode object = s3.path("object");
        String rawKey = text(object.get("key"));
        if (rawKey == null) {
            throw new InvalidNotificationException(where + " has no s3.object.key");
        }
        String eventSource = text(record.get("eventSource"));
        String key = decodeKey(rawKey, eventSource, where);
        return new S3EventRecord(eventName, eventSource, text(record.get("awsRegion")), time(text(record.get("eventTime"))),
                bucket, key, size(object.get("size")), text(object.get("eTag")), text(object.get("versionId")),
                text(object.get("sequencer")), text(object.get("contentType")));
    }

    private static String decodeKey(String rawKey, String eventSource, String where) throws InvalidNotificationException {
        if (eventSource != null && eventSource.toLowerCase(Locale.ROOT).startsWith(RAW_KEY_SOURCE_PREFIX)) {
            return rawKey;
        }
        try {
            // S3 encodes keys as application/x-www-form-urlencoded: '+' is a space, "%2B" a plus
            return URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidNotificationException(where + " has object key '" + abbreviate(rawKey)
                    + "', which is not URL-encoded as S3 keys in notifications are: " + e.getMessage());
        }
    }

    /** A number, or a numeric string (Ceph RGW writes "1024"); anything else, negative or absent is unknown (null). */
    private static Long size(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong() >= 0 ? node.asLong() : null;
        }
        if (node.isTextual() && node.asText().matches("\\d{1,18}")) {
            return Long.parseLong(node.asText());
        }
        return null;
    }

    /**
     * ISO-8601 with any fraction (AWS millis, Ceph micros) and 'Z' or an offset. The time is informational (it becomes
     * the arrival time), so an unreadable one is tolerated as unknown rather than losing the object.
     */
    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Text of a string or number field; null if absent, JSON null, empty, or of another type. */
    private static String text(JsonNode node) {
        if (node == null || !(node.isTextual() || node.isNumber())) {
            return null;
        }
        String value = node.asText();
        return value.isEmpty() ? null : value;
    }

    private static String withoutPrefix(String eventName) {
        return eventName.regionMatches(true, 0, S3_PREFIX, 0, S3_PREFIX.length())
                ? eventName.substring(S3_PREFIX.length()) : eventName;
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "...";
    }
}
