package io.sandboxpipeline.submitter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.core.testing.TestTopics;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3EventsTopologyTest {

    private static final String NOTIFICATIONS = "test.s3-notifications";
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Duration STEP = Duration.ofMinutes(1);

    private final PipelineTopics topics = TestTopics.create();
    private final IngestCounts counts = new IngestCounts();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> notifications;
    private TestOutputTopic<String, FileArrival> arrivals;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        Topology topology = new Topology();
        S3EventsTopology.addTo(topology, topics, NOTIFICATIONS, WINDOW, counts);
        driver = new TopologyTestDriver(topology, TestTopics.driverProperties(), TestTopics.START);
        notifications = driver.createInputTopic(NOTIFICATIONS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        arrivals = driver.createOutputTopic(topics.fileArrivals().name(), Serdes.String().deserializer(),
                topics.fileArrivalSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters().name(), Serdes.String().deserializer(),
                topics.deadLetters().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void publish(String example) {
        notifications.pipeInput("bucket/key", S3Examples.bytes(example));
    }

    private void advance(Duration duration) {
        TestTopics.advance(driver, duration, STEP);
    }

    @ParameterizedTest
    @CsvSource({
        "aws-s3-put.json,             s3://mybucket/HappyFace.jpg,         HappyFace.jpg,    1024,   aws:s3",
        "aws-lambda-encoded-key.json, s3://example-bucket/test/key,        key,              1024,   aws:s3",
        "minio-kafka-put.json,        s3://images/myphoto.jpg,             myphoto.jpg,      6474,   minio:s3",
        "minio-amqp-put.json,         s3://images/myphoto.jpg,             myphoto.jpg,      200436, aws:s3",
        "minio-encoded-key.json,      s3://images/test12/DG0890EY2.jpg,    DG0890EY2.jpg,    629648, minio:s3",
        "ceph-rgw-put.json,           s3://mybucket1/myimage1.jpg,         myimage1.jpg,     1024,   ceph:s3",
    })
    void shouldTurnEachPublishedPutExampleIntoOneArrival(String example, String uri, String name, long size, String source) {
        publish(example);

        KeyValue<String, FileArrival> arrival = arrivals.readKeyValue();
        assertThat(arrival.key).matches("s3:[0-9a-f]{64}").isEqualTo(arrival.value.getEventId());
        assertThat(arrival.value.getUri()).isEqualTo(uri);
        assertThat(arrival.value.getName()).isEqualTo(name);
        assertThat(arrival.value.getSize()).isEqualTo(size);
        assertThat(arrival.value.getSourceSystem()).isEqualTo(source);
        assertThat(arrival.value.getLane()).isEqualTo(Lane.LIVE);
        assertThat(arrivals.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(counts.arrivals()).isEqualTo(1);
    }

    @Test
    void shouldCarryTheObjectsS3DetailsAsAttributes() {
        publish(S3Examples.MINIO_KAFKA_PUT);

        FileArrival arrival = arrivals.readValue();
        assertThat(arrival.getArrivalTime()).isEqualTo(Instant.parse("2019-09-10T17:41:54Z"));
        assertThat(arrival.getContentType()).isEqualTo("image/jpeg");
        assertThat(arrival.getAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of("bucket", "images",
                "key", "myphoto.jpg", "eTag", "430f89010c77aa34fc8760696da62d08-1", "versionId", "1",
                "sequencer", "15C32494527B46C5", "eventName", "ObjectCreated:Put"));
    }

    @Test
    void shouldIgnoreAndCountTheTestEvent() {
        publish(S3Examples.AWS_TEST_EVENT);

        assertThat(arrivals.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(counts.ignoredTestEvents()).isEqualTo(1);
        assertThat(counts.arrivals()).isZero();
    }

    @Test
    void shouldIgnoreAndCountOtherEventTypesByName() {
        publish(S3Examples.AWS_DELETE);
        notifications.pipeInput("images/myphoto.jpg",
                S3Examples.edited(S3Examples.MINIO_KAFKA_PUT, "s3:ObjectCreated:Put", "s3:ObjectAccessed:Get"));
        notifications.pipeInput("images/myphoto.jpg",
                S3Examples.edited(S3Examples.MINIO_KAFKA_PUT, "s3:ObjectCreated:Put", "s3:ObjectCreated:PutTagging"));

        assertThat(arrivals.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(counts.ignoredEventTypes()).isEqualTo(Map.of("ObjectRemoved:Delete", 1L, "ObjectAccessed:Get", 1L,
                "ObjectCreated:PutTagging", 1L));
    }

    @Test
    void shouldForwardTheCreatedObjectAndIgnoreTheDeleteOfOneNotification() {
        String delete = S3Examples.text(S3Examples.AWS_DELETE);
        String deleteRecord = delete.substring(delete.indexOf('[') + 1, delete.lastIndexOf(']'));
        notifications.pipeInput("k", S3Examples.edited(S3Examples.AWS_PUT, "\"Records\": [", "\"Records\": [" + deleteRecord + ","));

        assertThat(arrivals.readValuesToList()).extracting(FileArrival::getUri).containsExactly("s3://mybucket/HappyFace.jpg");
        assertThat(counts.ignoredEventType("ObjectRemoved:Delete")).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterMalformedJsonWithItsOriginalBytes() {
        byte[] truncated = "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\"".getBytes(StandardCharsets.UTF_8);
        notifications.pipeInput("images/broken.jpg", truncated);

        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getErrorType()).isEqualTo(S3EventsProcessor.INVALID_NOTIFICATION);
        assertThat(letter.getReason()).startsWith("not valid JSON");
        assertThat(letter.getStage()).isEqualTo("submitter");
        assertThat(letter.getSourceTopic()).isEqualTo(NOTIFICATIONS);
        assertThat(bytes(letter.getOriginalValue())).isEqualTo(truncated);
        assertThat(bytes(letter.getOriginalKey())).isEqualTo("images/broken.jpg".getBytes(StandardCharsets.UTF_8));
        assertThat(arrivals.isEmpty()).isTrue();
        assertThat(counts.deadLettered()).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterTheWholeNotificationWhenARecordHasNoKey() {
        byte[] withoutKey = S3Examples.edited(S3Examples.MINIO_KAFKA_PUT, "\"key\": \"myphoto.jpg\",", "");
        notifications.pipeInput("images/myphoto.jpg", withoutKey);

        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getReason()).isEqualTo("record 0 (ObjectCreated:Put) has no s3.object.key");
        assertThat(bytes(letter.getOriginalValue())).isEqualTo(withoutKey);
        assertThat(arrivals.isEmpty()).isTrue();
    }

    @Test
    void shouldForwardTheSameNotificationOnlyOnce() {
        publish(S3Examples.AWS_PUT);
        publish(S3Examples.AWS_PUT);
        advance(Duration.ofMinutes(5));
        publish(S3Examples.AWS_PUT);

        assertThat(arrivals.readValuesToList()).hasSize(1);
        assertThat(counts.duplicates()).isEqualTo(2);
        assertThat(counts.arrivals()).isEqualTo(1);
    }

    @Test
    void shouldForwardEachVersionOfOneKey() {
        publish(S3Examples.AWS_PUT);
        byte[] secondVersion = S3Examples.edited(S3Examples.AWS_PUT, "096fKKXTRTtl3on89fVO.nfljtsv6qko", "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd");
        notifications.pipeInput("mybucket/HappyFace.jpg", secondVersion);
        notifications.pipeInput("mybucket/HappyFace.jpg", secondVersion);

        List<KeyValue<String, FileArrival>> forwarded = arrivals.readKeyValuesToList();
        assertThat(forwarded).hasSize(2);
        assertThat(forwarded.get(0).key).isNotEqualTo(forwarded.get(1).key);
        assertThat(forwarded).allSatisfy(kv -> assertThat(kv.value.getUri()).isEqualTo("s3://mybucket/HappyFace.jpg"));
        assertThat(counts.duplicates()).isEqualTo(1);
    }

    @Test
    void shouldForgetSeenVersionsAfterTheWindowSoTheStoresDoNotGrow() {
        KeyValueStore<String, Long> firstSeen = driver.getKeyValueStore(S3EventsTopology.FIRST_SEEN_STORE);
        KeyValueStore<Object, Object> expiries = driver.getKeyValueStore(S3EventsTopology.EXPIRY_STORE);
        publish(S3Examples.AWS_PUT);
        publish(S3Examples.CEPH_PUT);

        advance(WINDOW.minus(STEP));
        publish(S3Examples.AWS_PUT);
        assertThat(counts.duplicates()).as("still within the window").isEqualTo(1);
        assertThat(count(firstSeen)).isEqualTo(2);

        advance(STEP.multipliedBy(2));
        assertThat(count(firstSeen)).as("expired entries deleted").isZero();
        assertThat(count(expiries)).isZero();

        publish(S3Examples.AWS_PUT);
        assertThat(arrivals.readValuesToList()).extracting(FileArrival::getUri)
                .containsExactly("s3://mybucket/HappyFace.jpg", "s3://mybucket1/myimage1.jpg", "s3://mybucket/HappyFace.jpg");
        assertThat(count(firstSeen)).isEqualTo(1);
    }

    @Test
    void shouldRefuseToReadItsOwnOutputOrANonPositiveWindow() {
        Topology topology = new Topology();
        assertThatThrownBy(() -> S3EventsTopology.addTo(topology, topics, topics.fileArrivals().name(), WINDOW, counts))
                .hasMessageContaining("must not be the file-arrivals topic");
        assertThatThrownBy(() -> S3EventsTopology.addTo(topology, topics, NOTIFICATIONS, Duration.ZERO, counts))
                .hasMessageContaining("dedup window must be at least 1ms");
        assertThatThrownBy(() -> S3EventsTopology.addTo(topology, topics, " ", WINDOW, counts))
                .hasMessageContaining("must be named");
    }

    private static long count(KeyValueStore<?, ?> store) {
        long entries = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                it.next();
                entries++;
            }
        }
        return entries;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
