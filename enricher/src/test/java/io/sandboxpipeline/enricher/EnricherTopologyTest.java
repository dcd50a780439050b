package io.sandboxpipeline.enricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sandboxpipeline.client.ErrorKind;
import io.sandboxpipeline.client.FileInfo;
import io.sandboxpipeline.client.FinalVerdict;
import io.sandboxpipeline.client.FlowReport;
import io.sandboxpipeline.client.Ioc;
import io.sandboxpipeline.client.MitreTechnique;
import io.sandboxpipeline.client.OverallState;
import io.sandboxpipeline.client.Report;
import io.sandboxpipeline.client.ReportQuery;
import io.sandboxpipeline.client.SandboxHttpException;
import io.sandboxpipeline.client.SignalGroup;
import io.sandboxpipeline.client.Tag;
import io.sandboxpipeline.client.Verdict;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.outcome.Outcomes;
import io.sandboxpipeline.core.quota.QuotaConfig;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.testing.FakeSandbox;
import io.sandboxpipeline.core.testing.TestTopics;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnricherTopologyTest {

    private static final String FLOW = "66f1905b318df2831b854ce5";

    private final FakeSandbox sandbox = new FakeSandbox();
    private final PipelineTopics topics = TestTopics.create();
    private TopologyTestDriver driver;
    private TestInputTopic<String, ScanOutcome> outcomes;
    private TestOutputTopic<String, EnrichedVerdict> verdicts;

    @BeforeEach
    void start() {
        ConfigValues values = ConfigValues.of(Map.of(
                "kafka.bootstrap.servers", "unused:9092",
                "sandbox.url", "http://127.0.0.1:1",
                "sandbox.api.key", "test-key",
                "schema.registry.url", "mock://unused",
                "enricher.retry.deadline", "1s",
                "enricher.retry.backoff", "200ms"));
        driver = new TopologyTestDriver(EnricherTopology.build(topics, EnricherConfig.from(values), sandbox, new Random(1),
                new QuotaLimiter(QuotaConfig.unlimited()),
                PipelineMetrics.noop()),
                TestTopics.driverProperties(), TestTopics.START);
        outcomes = driver.createInputTopic(topics.outcomes().name(), Serdes.String().serializer(), topics.scanOutcomeSerde().serializer());
        verdicts = driver.createOutputTopic(topics.verdicts().name(), Serdes.String().deserializer(), topics.verdicts().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static ScanOutcome sandboxVerdict(String eventId) {
        return Outcomes.builder(TestTopics.arrival(eventId, "file:///data/invoice.doc").setName("invoice.doc").build(),
                        "c".repeat(64), OutcomeStatus.DONE, null, 1, TestTopics.START)
                .setDecidedBy(Decider.SANDBOX)
                .setVerdict(io.sandboxpipeline.schemas.Verdict.LIKELY_MALICIOUS)
                .setThreatLevel(0.75).setConfidence(1.0).setFlowId(FLOW).setSubmittedAt(TestTopics.START)
                .build();
    }

    private static CompletableFuture<FlowReport> extendedReport() {
        Report report = new Report("r1", OverallState.SUCCESS,
                Optional.of(new FinalVerdict(Verdict.LIKELY_MALICIOUS, 0.75, 1.0, Optional.empty())),
                Optional.of(new FileInfo("invoice.doc", "c".repeat(64), Optional.of("other"))),
                List.of(new Tag("doc", "MEDIA_TYPE", true, Optional.empty(), List.of()),
                        new Tag("macros", "SIGNAL", false, Optional.of(Verdict.SUSPICIOUS), List.of())),
                List.of(new SignalGroup("H010", "Document contains macros", 0.5, 0.75, 0.75, Verdict.SUSPICIOUS,
                        List.of(new MitreTechnique("T1204.002", "Malicious File", Optional.of("TA0002"), Optional.of("Execution"))))),
                List.of(new Ioc("url", "http://evil.example/payload", Optional.of(Verdict.MALICIOUS)),
                        new Ioc("domain", "evil.example", Optional.empty())),
                List.of(), OptionalDouble.of(1.0));
        return CompletableFuture.completedFuture(new FlowReport(FLOW, true, Optional.of(true), Optional.of(true), 1, Optional.of("max"),
                OptionalInt.of(5), Optional.of("finished"), OptionalLong.empty(), Optional.empty(), List.of(), Optional.empty(), List.of(report)));
    }

    @Test
    void shouldPublishAVerdictAnOlderVersionLeftWaitingWithoutAQueueEntry() {
        sandbox.whenFlow(FLOW, List.of(extendedReport()));
        // what the previous version kept: the outcome by event id, nothing in the report queue
        KeyValueStore<String, ScanOutcome> pending = driver.getKeyValueStore(EnricherNames.PENDING_ENRICHMENTS_STORE);
        pending.put("old-1", sandboxVerdict("old-1"));

        TestTopics.advance(driver, Duration.ofMillis(300), Duration.ofMillis(100));

        assertThat(verdicts.readValuesToList()).singleElement().satisfies(v -> {
            assertThat(v.getEventId()).isEqualTo("old-1");
            assertThat(v.getTags()).hasSize(2);
        });
        assertThat(pending.get("old-1")).as("no longer waiting").isNull();
    }

    @Test
    void shouldFetchAReportAgainOnlyWhenItsBackoffEndsAndAnswerEveryWaitingEventWithIt() {
        sandbox.whenFlow(FLOW, List.of(CompletableFuture.failedFuture(
                new SandboxHttpException(ErrorKind.SERVER_ERROR, 503, "GET /api/scan/{flow_id}/report", "busy")), extendedReport()));
        outcomes.pipeInput("e1", sandboxVerdict("e1"));
        outcomes.pipeInput("e2", sandboxVerdict("e2"));

        TestTopics.advance(driver, Duration.ofMillis(200), Duration.ofMillis(100));
        assertThat(sandbox.polls(FLOW)).as("waiting out the backoff (200 ms, +-20%%)").hasSize(1);
        assertThat(verdicts.isEmpty()).isTrue();
        TestTopics.advance(driver, Duration.ofMillis(300), Duration.ofMillis(100));

        assertThat(sandbox.polls(FLOW)).hasSize(2);
        assertThat(verdicts.readValuesToList()).extracting(EnrichedVerdict::getEventId, v -> v.getTags().size())
                .containsExactly(tuple("e1", 2), tuple("e2", 2));
    }

    @Test
    void shouldPublishSandboxVerdictsWithTagsSignalGroupsAndIocs() {
        sandbox.whenFlow(FLOW, List.of(extendedReport()));
        outcomes.pipeInput("e1", sandboxVerdict("e1"));
        TestTopics.advance(driver, Duration.ofMillis(200), Duration.ofMillis(100));

        EnrichedVerdict verdict = verdicts.readValue();
        assertThat(verdict.getEventId()).isEqualTo("e1");
        assertThat(verdict.getName()).isEqualTo("invoice.doc");
        assertThat(verdict.getVerdict()).isEqualTo(io.sandboxpipeline.schemas.Verdict.LIKELY_MALICIOUS);
        assertThat(verdict.getDecidedBy()).isEqualTo(Decider.SANDBOX);
        assertThat(verdict.getStatus()).isEqualTo(OutcomeStatus.DONE);
        assertThat(verdict.getFlowId()).isEqualTo(FLOW);
        assertThat(verdict.getTags()).extracting(t -> t.getName()).containsExactly("doc", "macros");
        assertThat(verdict.getSignalGroups()).singleElement().satisfies(group -> {
            assertThat(group.getDescription()).isEqualTo("Document contains macros");
            assertThat(group.getStrength()).isEqualTo(0.5);
            assertThat(group.getMitreTechniques()).extracting(t -> t.getId()).containsExactly("T1204.002");
        });
        assertThat(verdict.getIocs()).extracting(i -> i.getType() + ":" + i.getValue())
                .containsExactly("url:http://evil.example/payload", "domain:evil.example");
        assertThat(verdict.getEnrichmentError()).isNull();
        assertThat(sandbox.polls(FLOW)).singleElement().satisfies(p -> assertThat(p.query()).isEqualTo(ReportQuery.ENRICH));
    }

    @Test
    void shouldPublishSkippedOutcomesAtOnceWithoutCallingTheSandbox() {
        outcomes.pipeInput("e2", Outcomes.withoutHash(TestTopics.arrival("e2", "s3://bucket/key").build(),
                OutcomeStatus.SKIPPED, "unsupported uri scheme 's3'", TestTopics.START));

        EnrichedVerdict verdict = verdicts.readValue();
        assertThat(verdict.getStatus()).isEqualTo(OutcomeStatus.SKIPPED);
        assertThat(verdict.getVerdict()).isEqualTo(io.sandboxpipeline.schemas.Verdict.UNKNOWN);
        assertThat(verdict.getReason()).contains("s3");
        assertThat(sandbox.polls()).isEmpty();
    }

    @Test
    void shouldEnrichReputationVerdictsFromTheReportTheyPointTo() {
        sandbox.whenFlow(FLOW, List.of(extendedReport()));
        ScanOutcome reputation = Outcomes.builder(TestTopics.arrival("e3", "file:///data/x").build(), "c".repeat(64),
                        OutcomeStatus.DONE, null, 0, TestTopics.START)
                .setDecidedBy(Decider.REPUTATION).setVerdict(io.sandboxpipeline.schemas.Verdict.MALICIOUS).setThreatLevel(1.0)
                .setReferenceFlowId(FLOW).build();
        outcomes.pipeInput("e3", reputation);
        TestTopics.advance(driver, Duration.ofMillis(200), Duration.ofMillis(100));

        EnrichedVerdict verdict = verdicts.readValue();
        assertThat(verdict.getDecidedBy()).isEqualTo(Decider.REPUTATION);
        assertThat(verdict.getFlowId()).isEqualTo(FLOW);
        assertThat(verdict.getTags()).isNotEmpty();
    }

    @Test
    void shouldPublishWithoutEnrichmentWhenTheReportCannotBeFetched() {
        sandbox.whenFlow(FLOW, List.of(CompletableFuture.failedFuture(
                new SandboxHttpException(ErrorKind.SERVER_ERROR, 502, "GET /api/scan/{flow_id}/report", "bad gateway"))));
        outcomes.pipeInput("e4", sandboxVerdict("e4"));

        TestTopics.advance(driver, Duration.ofSeconds(3), Duration.ofMillis(100));

        EnrichedVerdict verdict = verdicts.readValue();
        assertThat(verdict.getVerdict()).isEqualTo(io.sandboxpipeline.schemas.Verdict.LIKELY_MALICIOUS);
        assertThat(verdict.getTags()).isEmpty();
        assertThat(verdict.getEnrichmentError()).contains("extended report unavailable after").contains("bad gateway");
        assertThat(verdicts.isEmpty()).isTrue();
    }

    @Test
    void shouldFetchTheExtendedReportOncePerFlowForManyEvents() {
        sandbox.whenFlow(FLOW, List.of(extendedReport()));
        for (int i = 0; i < 5; i++) {
            outcomes.pipeInput("c".repeat(64), sandboxVerdict("dup-" + i));
        }
        TestTopics.advance(driver, Duration.ofMillis(300), Duration.ofMillis(100));
        outcomes.pipeInput("c".repeat(64), sandboxVerdict("later"));

        List<EnrichedVerdict> published = verdicts.readValuesToList();
        assertThat(published).extracting(EnrichedVerdict::getEventId).containsExactlyInAnyOrder("dup-0", "dup-1", "dup-2", "dup-3", "dup-4", "later");
        assertThat(published).allSatisfy(v -> assertThat(v.getTags()).isNotEmpty());
        assertThat(sandbox.polls(FLOW)).hasSize(1);
    }
}
