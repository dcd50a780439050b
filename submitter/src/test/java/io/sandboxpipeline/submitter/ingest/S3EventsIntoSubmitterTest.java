package io.sandboxpipeline.submitter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.source.FakeS3;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.core.source.HttpSourcePolicy;
import io.sandboxpipeline.core.source.S3Objects;
import io.sandboxpipeline.core.source.Sha256;
import io.sandboxpipeline.core.streams.DeadLetterBreaker;
import io.sandboxpipeline.core.testing.FakeSandbox;
import io.sandboxpipeline.core.testing.TestTopics;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.ScanFlow;
import io.sandboxpipeline.submitter.SubmitterConfig;
import io.sandboxpipeline.submitter.SubmitterTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/** The lead's wiring: the ingest added to the submitter's own topology, its arrivals read by the hash-files step. */
class S3EventsIntoSubmitterTest {

    private static final byte[] PHOTO = "not really a jpeg".getBytes(StandardCharsets.UTF_8);


    @Test
    void shouldReadHashAndUploadTheObjectABucketNotificationAnnounces() throws Exception {
        FakeS3 s3 = FakeS3.start().put("images", "myphoto.jpg", PHOTO);
        PipelineTopics topics = TestTopics.create();
        SubmitterConfig config = SubmitterConfig.from(ConfigValues.of(Map.of(
                "kafka.bootstrap.servers", "unused:9092",
                "sandbox.url", "http://127.0.0.1:1",
                "sandbox.api.key", "test-key",
                "schema.registry.url", "mock://unused",
                "s3.events.topic", "test.s3-notifications",
                "s3.endpoint", s3.endpoint().toString(),
                "s3.access.key", "test-access", "s3.secret.key", "test-secret")));
        IngestCounts counts = new IngestCounts();
        FakeSandbox sandbox = new FakeSandbox();
        S3Objects objects = new S3Objects(config.s3().orElseThrow());
        SubmitterTopology.Wiring wiring = new SubmitterTopology.Wiring(sandbox,
                new FileSources(List.of(), HttpSourcePolicy.anyHost(), Duration.ofSeconds(5), Optional.of(objects)),
                Runnable::run, new Random(1), new QuotaLimiter(config.pipeline().quota()), DeadLetterBreaker.disabled(), counts,
                PipelineMetrics.noop());
        // the s3.events.topic setting adds the ingest to the submitter's topology
        Topology topology = SubmitterTopology.build(topics, config, wiring);

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, TestTopics.driverProperties(), TestTopics.START)) {
            driver.createInputTopic("test.s3-notifications", Serdes.String().serializer(), Serdes.ByteArray().serializer())
                    .pipeInput("images/myphoto.jpg", S3Examples.bytes(S3Examples.MINIO_KAFKA_PUT));
            TestTopics.advance(driver, Duration.ofSeconds(1), Duration.ofMillis(100));

            // the notification became a file-arrival event, the object was read from the store, hashed and uploaded
            List<KeyValue<String, ScanFlow>> flows = driver.createOutputTopic(topics.scanFlows().name(),
                    Serdes.String().deserializer(), topics.scanFlowSerde().deserializer()).readKeyValuesToList();
            assertThat(flows).singleElement().satisfies(kv -> {
                assertThat(kv.value.getRequest().getEvent().getUri()).isEqualTo("s3://images/myphoto.jpg");
                assertThat(kv.value.getRequest().getEvent().getEventId()).startsWith("s3:");
                assertThat(kv.value.getRequest().getSha256()).isEqualTo(Sha256.ofBytes(PHOTO));
            });
            assertThat(sandbox.submissions()).singleElement().satisfies(s -> {
                assertThat(s.fileName()).isEqualTo("myphoto.jpg");
                assertThat(s.content()).isEqualTo(new String(PHOTO, StandardCharsets.UTF_8));
            });
            assertThat(counts.arrivals()).isEqualTo(1);
        } finally {
            objects.close();
            s3.close();
        }
    }

    @Test
    void shouldLetTheSandboxFetchObjectsOfAUrlPolicyThroughAPresignedUrl() throws Exception {
        FakeS3 s3 = FakeS3.start().put("images", "myphoto.jpg", PHOTO);
        PipelineTopics topics = TestTopics.create();
        SubmitterConfig config = SubmitterConfig.from(ConfigValues.of(Map.of(
                "kafka.bootstrap.servers", "unused:9092", "sandbox.url", "http://127.0.0.1:1", "sandbox.api.key", "test-key",
                "schema.registry.url", "mock://unused", "s3.events.topic", "test.s3-notifications",
                "s3.endpoint", s3.endpoint().toString(), "s3.access.key", "test-access", "s3.secret.key", "test-secret",
                "policy.images.prefix", "s3://images/", "policy.images.mode", "url")));
        FakeSandbox sandbox = new FakeSandbox();
        S3Objects objects = new S3Objects(config.s3().orElseThrow());
        SubmitterTopology.Wiring wiring = new SubmitterTopology.Wiring(sandbox,
                new FileSources(List.of(), HttpSourcePolicy.anyHost(), Duration.ofSeconds(5), Optional.of(objects)),
                Runnable::run, new Random(1), new QuotaLimiter(config.pipeline().quota()), DeadLetterBreaker.disabled(),
                new IngestCounts(), PipelineMetrics.noop());
        try (TopologyTestDriver driver = new TopologyTestDriver(SubmitterTopology.build(topics, config, wiring),
                TestTopics.driverProperties(), TestTopics.START)) {
            driver.createInputTopic("test.s3-notifications", Serdes.String().serializer(), Serdes.ByteArray().serializer())
                    .pipeInput("images/myphoto.jpg", S3Examples.bytes(S3Examples.MINIO_KAFKA_PUT));
            TestTopics.advance(driver, Duration.ofSeconds(1), Duration.ofMillis(100));

            assertThat(sandbox.submissions()).singleElement().satisfies(s -> {
                assertThat(s.fileName()).startsWith(s3.endpoint() + "/images/myphoto.jpg?").contains("X-Amz-Signature=");
                assertThat(s.content()).as("nothing streamed through the pipeline").isEmpty();
            });
        } finally {
            objects.close();
            s3.close();
        }
    }
}
