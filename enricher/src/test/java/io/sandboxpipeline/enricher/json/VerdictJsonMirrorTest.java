package io.sandboxpipeline.enricher.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.outcome.Outcomes;
import io.sandboxpipeline.core.quota.QuotaConfig;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.testing.FakeSandbox;
import io.sandboxpipeline.core.testing.TestTopics;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.enricher.EnricherConfig;
import io.sandboxpipeline.enricher.EnricherTopology;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JSON mirror of the verdicts topic, for SOC tools that cannot read Avro. */
class VerdictJsonMirrorTest {

    private final PipelineTopics topics = TestTopics.create();
    private final ObjectMapper strictJson = new ObjectMapper();
    private TopologyTestDriver driver;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", "unused:9092",
                "sandbox.url", "http://127.0.0.1:1",
                "sandbox.api.key", "test-key",
                "schema.registry.url", "mock://unused",
                // nothing to fetch here: the mirror is about the verdict as published
                "enricher.enrich", "false"));
        values.putAll(extra);
        driver = new TopologyTestDriver(EnricherTopology.build(topics, EnricherConfig.from(ConfigValues.of(values)), new FakeSandbox(),
                new Random(1), new QuotaLimiter(QuotaConfig.unlimited()), PipelineMetrics.noop()),
                TestTopics.driverProperties(), TestTopics.START);
    }

    private TestInputTopic<String, ScanOutcome> outcomes() {
        return driver.createInputTopic(topics.outcomes().name(), Serdes.String().serializer(), topics.scanOutcomeSerde().serializer());
    }

    private TestOutputTopic<String, String> mirror() {
        return driver.createOutputTopic(topics.verdictsJson().name(), Serdes.String().deserializer(), Serdes.String().deserializer());
    }

    private static ScanOutcome malicious(String eventId) {
        return Outcomes.builder(TestTopics.arrival(eventId, "file:///data/invoice.doc").setName("invoice.doc")
                                .setAttributes(Map.of("tenant", "acme")).build(),
                        "c".repeat(64), OutcomeStatus.DONE, null, 1, TestTopics.START.plusSeconds(30))
                .setDecidedBy(Decider.SANDBOX).setVerdict(Verdict.MALICIOUS).setThreatLevel(1.0).setConfidence(1.0)
                .setFlowId("66f1905b318df2831b854ce5").setSubmittedAt(TestTopics.START.plusSeconds(2))
                .build();
    }

    @Test
    void shouldMirrorEveryVerdictAsStrictJsonWithTheAvroFieldNames() throws Exception {
        start(Map.of("enricher.json.mirror", "true"));

        outcomes().pipeInput("c".repeat(64), malicious("e1"));
        outcomes().pipeInput("e2", Outcomes.withoutHash(TestTopics.arrival("e2", "s3://bucket/key").build(),
                OutcomeStatus.SKIPPED, "unsupported uri scheme 's3'", TestTopics.START));

        List<KeyValue<String, String>> mirrored = mirror().readKeyValuesToList();
        assertThat(mirrored).extracting(kv -> kv.key).containsExactly("e1", "e2");
        List<String> avroFields = EnrichedVerdict.getClassSchema().getFields().stream().map(Schema.Field::name).toList();
        JsonNode done = strictJson.readTree(mirrored.get(0).value);
        List<String> jsonFields = new ArrayList<>();
        done.fieldNames().forEachRemaining(jsonFields::add);
        assertThat(jsonFields).containsExactlyElementsOf(avroFields);
        assertThat(done.get("eventId").asText()).isEqualTo("e1");
        assertThat(done.get("verdict").asText()).isEqualTo("MALICIOUS");
        assertThat(done.get("decidedBy").asText()).isEqualTo("SANDBOX");
        assertThat(done.get("lane").asText()).isEqualTo("LIVE");
        assertThat(done.get("threatLevel").asDouble()).isEqualTo(1.0);
        assertThat(done.get("flowId").asText()).isEqualTo("66f1905b318df2831b854ce5");
        assertThat(Instant.parse(done.get("decidedAt").asText())).isEqualTo(TestTopics.START.plusSeconds(30));
        assertThat(Instant.parse(done.get("arrivalTime").asText())).isEqualTo(TestTopics.START);
        assertThat(Instant.parse(done.get("submittedAt").asText())).isEqualTo(TestTopics.START.plusSeconds(2));
        assertThat(done.get("attributes").get("tenant").asText()).isEqualTo("acme");
        assertThat(done.get("iocs").isArray()).isTrue();
        assertThat(done.get("reason").isNull()).isTrue();
        JsonNode skipped = strictJson.readTree(mirrored.get(1).value);
        assertThat(skipped.get("status").asText()).isEqualTo("SKIPPED");
        assertThat(skipped.get("sha256").isNull()).isTrue();
        assertThat(skipped.get("reason").asText()).contains("s3");
    }

    @Test
    void shouldMirrorTheSameVerdictTheAvroTopicCarries() throws Exception {
        start(Map.of("enricher.json.mirror", "true"));

        outcomes().pipeInput("c".repeat(64), malicious("e3"));

        EnrichedVerdict avro = driver.createOutputTopic(topics.verdicts().name(), Serdes.String().deserializer(),
                topics.verdicts().valueSerde().deserializer()).readValue();
        JsonNode json = strictJson.readTree(mirror().readValue());
        assertThat(Instant.parse(json.get("publishedAt").asText())).isEqualTo(avro.getPublishedAt());
        assertThat(json.get("uri").asText()).isEqualTo(avro.getUri());
        assertThat(json.get("attempts").asInt()).isEqualTo(avro.getAttempts());
    }

    @Test
    void shouldWriteNoMirrorUnlessAskedTo() {
        start(Map.of());

        outcomes().pipeInput("c".repeat(64), malicious("e4"));

        assertThat(driver.createOutputTopic(topics.verdicts().name(), Serdes.String().deserializer(),
                topics.verdicts().valueSerde().deserializer()).readValuesToList()).hasSize(1);
        assertThat(mirror().isEmpty()).isTrue();
    }
}
