package io.sandboxpipeline.submitter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3EventParserTest {

    private final S3EventParser parser = new S3EventParser();

    private S3EventRecord onlyRecord(byte[] json) throws InvalidNotificationException {
        S3Notification notification = parser.parse(json);
        assertThat(notification).isInstanceOf(S3Notification.Records.class);
        return ((S3Notification.Records) notification).records().get(0);
    }

    @Test
    void shouldReadEveryFieldOfTheAwsPutExample() throws Exception {
        S3Notification notification = parser.parse(S3Examples.bytes(S3Examples.AWS_PUT));

        assertThat(((S3Notification.Records) notification).records()).containsExactly(new S3EventRecord(
                "ObjectCreated:Put", "aws:s3", "us-west-2", Instant.EPOCH, "mybucket", "HappyFace.jpg", 1024L,
                "d41d8cd98f00b204e9800998ecf8427e", "096fKKXTRTtl3on89fVO.nfljtsv6qko", "0055AED6DCD90281E5", null));
    }

    @Test
    void shouldRecogniseTheAwsTestEvent() throws Exception {
        assertThat(parser.parse(S3Examples.bytes(S3Examples.AWS_TEST_EVENT)))
                .isEqualTo(new S3Notification.TestEvent("bucketname"));
    }

    @Test
    void shouldReadTheMinioKafkaWrapperAndStripTheS3Prefix() throws Exception {
        S3EventRecord record = onlyRecord(S3Examples.bytes(S3Examples.MINIO_KAFKA_PUT));

        assertThat(record).isEqualTo(new S3EventRecord("ObjectCreated:Put", "minio:s3", null,
                Instant.parse("2019-09-10T17:41:54Z"), "images", "myphoto.jpg", 6474L,
                "430f89010c77aa34fc8760696da62d08-1", "1", "15C32494527B46C5", "image/jpeg"));
        assertThat(record.createsContent()).isTrue();
    }

    @Test
    void shouldReadCephSizeGivenAsTextAndTreatItsEmptyVersionAsAbsent() throws Exception {
        S3EventRecord record = onlyRecord(S3Examples.bytes(S3Examples.CEPH_PUT));

        assertThat(record.size()).isEqualTo(1024L);
        assertThat(record.versionId()).isNull();
        assertThat(record.eventTime()).isEqualTo(Instant.parse("2019-11-22T13:47:35.124724Z"));
        assertThat(record.sequencer()).isEqualTo("F7E6D75DC742D108");
        assertThat(record.eventSource()).isEqualTo("ceph:s3");
        assertThat(record.region()).isEqualTo("zonegroup1");
    }

    @Test
    void shouldDecodeUrlEncodedKeysOfAwsAndMinio() throws Exception {
        assertThat(onlyRecord(S3Examples.bytes(S3Examples.AWS_ENCODED_KEY)).key()).isEqualTo("test/key");
        assertThat(onlyRecord(S3Examples.bytes(S3Examples.MINIO_ENCODED_KEY)).key()).isEqualTo("test12/DG0890EY2.jpg");
        // the AWS docs' own rule: "red flower.jpg" becomes "red+flower.jpg"; a real plus arrives as %2B
        assertThat(onlyRecord(S3Examples.edited(S3Examples.AWS_PUT, "HappyFace.jpg", "red+flower.jpg")).key())
                .isEqualTo("red flower.jpg");
        assertThat(onlyRecord(S3Examples.edited(S3Examples.AWS_PUT, "HappyFace.jpg", "a%2Bb/%C3%A9t%C3%A9%3F.txt")).key())
                .isEqualTo("a+b/été?.txt");
    }

    @Test
    void shouldKeepCephKeysAsTheyAreBecauseRgwDoesNotEncodeThem() throws Exception {
        S3EventRecord record = onlyRecord(S3Examples.edited(S3Examples.CEPH_PUT, "myimage1.jpg", "reports/q1+q2 100%.pdf"));

        assertThat(record.key()).isEqualTo("reports/q1+q2 100%.pdf");
    }

    @Test
    void shouldReadDeleteEventsWithoutSizeOrETagAsEventsThatCreateNothing() throws Exception {
        S3EventRecord record = onlyRecord(S3Examples.bytes(S3Examples.AWS_DELETE));

        assertThat(record.eventName()).isEqualTo("ObjectRemoved:Delete");
        assertThat(record.size()).isNull();
        assertThat(record.eTag()).isNull();
        assertThat(record.key()).isEqualTo("test/key");
        assertThat(record.createsContent()).isFalse();
    }

    @Test
    void shouldIgnoreUnknownFieldsAndTolerateAnUnreadableEventTime() throws Exception {
        // MinIO's AMQP example: log fields beside Records, and the doc's eventTime has typographic dashes
        S3EventRecord record = onlyRecord(S3Examples.bytes(S3Examples.MINIO_AMQP_PUT));

        assertThat(record.bucket()).isEqualTo("images");
        assertThat(record.key()).isEqualTo("myphoto.jpg");
        assertThat(record.size()).isEqualTo(200436L);
        assertThat(record.eventTime()).isNull();
        assertThat(record.eTag()).isNull();
    }

    @Test
    void shouldReadTheNotificationInsideAnSnsEnvelope() throws Exception {
        ObjectMapper json = new ObjectMapper();
        byte[] envelope = json.writeValueAsBytes(Map.of("Type", "Notification", "MessageId", "22b80b92",
                "TopicArn", "arn:aws:sns:us-west-2:123456789012:s3-events", "Message", S3Examples.text(S3Examples.AWS_PUT)));

        assertThat(onlyRecord(envelope).key()).isEqualTo("HappyFace.jpg");
    }

    @ParameterizedTest
    @CsvSource({
        "ObjectCreated:Put, true",
        "ObjectCreated:Post, true",
        "ObjectCreated:Copy, true",
        "ObjectCreated:CompleteMultipartUpload, true",
        "ObjectCreated:PutTagging, false",
        "ObjectCreated:PutRetention, false",
        "ObjectRemoved:Delete, false",
        "ObjectRemoved:DeleteMarkerCreated, false",
        "ObjectAccessed:Get, false",
        "ObjectRestore:Completed, false",
        "Replication:OperationFailedReplication, false",
        "LifecycleExpiration:Delete, false",
    })
    void shouldTreatOnlyObjectCreatedEventsAsNewContent(String eventName, boolean createsContent) throws Exception {
        for (String written : new String[] {eventName, "s3:" + eventName}) {
            S3EventRecord record = onlyRecord(S3Examples.edited(S3Examples.AWS_PUT, "\"ObjectCreated:Put\"", "\"" + written + "\""));

            assertThat(record.eventName()).isEqualTo(eventName);
            assertThat(record.createsContent()).as(written).isEqualTo(createsContent);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not json at all                                  | not valid JSON",
        "{\"Records\":[]} trailing                        | not valid JSON",
        "[1,2]                                            | expected a JSON object, got array",
        "{\"Service\":\"Amazon S3\"}                      | no 'Records' array and not an s3:TestEvent",
        "{\"Records\":{}}                                 | 'Records' is object, expected an array",
        "{\"Records\":[]}                                 | 'Records' is empty",
        "{\"Records\":[42]}                               | record 0 is number, expected an object",
        "{\"Records\":[{\"s3\":{}}]}                      | record 0 has no eventName",
        "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"object\":{\"key\":\"a\"}}}]}  | record 0 (ObjectCreated:Put) has no s3.bucket.name",
        "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"}}}]} | record 0 (ObjectCreated:Put) has no s3.object.key",
        "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"\"}}}]} | has no s3.object.key",
        "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"100%\"}}}]} | object key '100%', which is not URL-encoded",
        "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b/../c\"},\"object\":{\"key\":\"k\"}}}]} | bucket name 'b/../c', which is not an S3 bucket name",
        "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"k\",\"key\":\"other\"}}}]} | Duplicate field 'key'",
    })
    void shouldRejectWhatIsNotAnS3NotificationWithAReasonToActOn(String json, String reason) {
        assertThatThrownBy(() -> parser.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void shouldRejectARecordWithoutBucketEvenBesideValidOnes() {
        byte[] twoRecords = S3Examples.edited(S3Examples.AWS_PUT, "\"Records\": [", "\"Records\": ["
                + "{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"object\":{\"key\":\"k\"}}},");

        assertThatThrownBy(() -> parser.parse(twoRecords)).hasMessageContaining("record 0 (ObjectCreated:Put) has no s3.bucket.name");
    }

    @Test
    void shouldRejectEmptyAndOversizedRecords() {
        assertThatThrownBy(() -> parser.parse(null)).hasMessageContaining("empty record");
        assertThatThrownBy(() -> parser.parse(new byte[0])).hasMessageContaining("empty record");
        byte[] huge = new byte[S3EventParser.MAX_NOTIFICATION_BYTES + 1];
        assertThatThrownBy(() -> parser.parse(huge)).hasMessageContaining("larger than the 1048576 bytes");
    }
}
