package io.sandboxpipeline.submitter.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The published notification examples in {@code src/test/resources/s3-events/} (sources in its README). */
final class S3Examples {

    static final String AWS_PUT = "aws-s3-put.json";
    static final String AWS_TEST_EVENT = "aws-s3-test-event.json";
    static final String AWS_ENCODED_KEY = "aws-lambda-encoded-key.json";
    static final String AWS_DELETE = "aws-sam-delete.json";
    static final String MINIO_KAFKA_PUT = "minio-kafka-put.json";
    static final String MINIO_AMQP_PUT = "minio-amqp-put.json";
    static final String MINIO_ENCODED_KEY = "minio-encoded-key.json";
    static final String CEPH_PUT = "ceph-rgw-put.json";

    private S3Examples() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = S3Examples.class.getResourceAsStream("/s3-events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no example named " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** An example with one literal replaced (a key, a version), failing loudly if the literal is not there. */
    static byte[] edited(String name, String literal, String replacement) {
        String text = text(name);
        if (!text.contains(literal)) {
            throw new IllegalArgumentException(name + " does not contain " + literal);
        }
        return text.replace(literal, replacement).getBytes(StandardCharsets.UTF_8);
    }
}
