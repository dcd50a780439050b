package io.sandboxpipeline.enricher.iocfeed;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.client.FileInfo;
import io.sandboxpipeline.client.FinalVerdict;
import io.sandboxpipeline.client.FlowReport;
import io.sandboxpipeline.client.OverallState;
import io.sandboxpipeline.client.Report;
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
import io.sandboxpipeline.schemas.Ioc;
import io.sandboxpipeline.schemas.IocFeedEntry;
import io.sandboxpipeline.schemas.Lane;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.Tag;
import io.sandboxpipeline.schemas.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
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
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The IOC feed aggregated from the verdicts topic, as SOC tooling reads it from the compacted ioc-feed topic. */
class IocFeedTopologyTest {

    private static final Instant T = TestTopics.START;
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);
    private static final String SHA_C = "c".repeat(64);

    private final PipelineTopics topics = TestTopics.create();
    private final FakeSandbox sandbox = new FakeSandbox();
    private TopologyTestDriver driver;
    private TestInputTopic<String, EnrichedVerdict> verdicts;

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
                "schema.registry.url", "mock://unused"));
        values.putAll(extra);
        driver = new TopologyTestDriver(build(values), TestTopics.driverProperties(), T);
        verdicts = driver.createInputTopic(topics.verdicts().name(), Serdes.String().serializer(), topics.verdicts().valueSerde().serializer());
    }

    private Topology build(Map<String, String> values) {
        return EnricherTopology.build(topics, EnricherConfig.from(ConfigValues.of(values)), sandbox, new Random(1),
                new QuotaLimiter(QuotaConfig.unlimited()), PipelineMetrics.noop());
    }

    /** The latest entry per indicator: what a reader of the compacted topic ends up with. */
    private Map<String, IocFeedEntry> feed() {
        return driver.createOutputTopic(topics.iocFeed().name(), Serdes.String().deserializer(),
                topics.iocFeed().valueSerde().deserializer()).readKeyValuesToMap();
    }

    private static EnrichedVerdict.Builder verdict(String eventId, String sha256, Verdict verdict, Decider decidedBy,
                                                   String flowId, Instant decidedAt) {
        return EnrichedVerdict.newBuilder()
                .setEventId(eventId).setUri("file:///data/" + eventId).setSha256(sha256).setName(null).setSourceSystem("test")
                .setLane(Lane.LIVE).setVerdict(verdict).setThreatLevel(null).setConfidence(null).setDecidedBy(decidedBy)
                .setFlowId(flowId).setArchiveVerdict(null).setMembers(List.of()).setTags(List.of()).setSignalGroups(List.of())
                .setIocs(List.of()).setStatus(OutcomeStatus.DONE).setReason(null).setAttempts(1).setArrivalTime(T)
                .setSubmittedAt(null).setDecidedAt(decidedAt).setPublishedAt(decidedAt).setEnrichmentError(null)
                .setAttributes(Map.of());
    }

    private static List<Tag> tags(String... names) {
        return Arrays.stream(names).map(name -> new Tag(name, "SIGNAL", null)).toList();
    }

    @Test
    void shouldNeverGiveAHarmlessIndicatorTheVerdictOfTheFileThatNamedIt() {
        start(Map.of());
        // as in the captured reports: a likely malicious file names github.com and twitter.com, unrated
        verdicts.pipeInput("e1", verdict("e1", SHA_A, Verdict.LIKELY_MALICIOUS, Decider.SANDBOX, "F1", T)
                .setIocs(List.of(new Ioc("domain", "github.com", null), new Ioc("url", "https://twitter.com/x", null))).build());
        // and a thousand clean files name github.com too
        for (int i = 0; i < 3; i++) {
            verdicts.pipeInput("clean-" + i, verdict("clean-" + i, "d".repeat(63) + i, Verdict.NO_THREAT, Decider.SANDBOX, "G" + i,
                    T.plusSeconds(i + 1)).setIocs(List.of(new Ioc("domain", "github.com", null))).build());
        }

        Map<String, IocFeedEntry> feed = feed();

        IocFeedEntry github = feed.get("domain:github.com");
        assertThat(github.getVerdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(github.getWorstFileVerdict()).isEqualTo(Verdict.LIKELY_MALICIOUS);
        assertThat(github.getSeenInVerdicts()).isEqualTo(Map.of("LIKELY_MALICIOUS", 1, "NO_THREAT", 3));
        assertThat(feed.get("url:https://twitter.com/x").getVerdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(feed.get("sha256:" + SHA_A).getVerdict()).isEqualTo(Verdict.LIKELY_MALICIOUS);
    }

    @Test
    void shouldAggregateEachIndicatorOverEveryScanThatNamedIt() {
        start(Map.of());
        // a document scanned by the Sandbox names a domain (no verdict of its own) and a malicious URL
        verdicts.pipeInput("e1", verdict("e1", SHA_A, Verdict.SUSPICIOUS, Decider.SANDBOX, "F1", T.plusSeconds(60))
                .setTags(tags("doc", "macros"))
                .setIocs(List.of(new Ioc("domain", "EVIL.example", null), new Ioc("url", "http://evil.example/x", Verdict.MALICIOUS)))
                .build());
        // a second event for the same content, answered by the same scan
        verdicts.pipeInput("e2", verdict("e2", SHA_A, Verdict.SUSPICIOUS, Decider.SANDBOX, "F1", T.plusSeconds(60))
                .setTags(tags("doc", "macros")).setIocs(List.of(new Ioc("domain", "evil.example", null))).build());
        // a backfill rescan of another file naming the same domain, with a verdict of its own
        verdicts.pipeInput("e3", verdict("e3", SHA_B, Verdict.MALICIOUS, Decider.SANDBOX, "F2", T.plusSeconds(300))
                .setLane(Lane.REPLAY).setTags(tags("exe", "emotet"))
                .setIocs(List.of(new Ioc("domain", "evil.example", Verdict.LIKELY_MALICIOUS))).build());
        // a scan that failed has no verdict: it names nothing
        verdicts.pipeInput("e4", verdict("e4", SHA_C, Verdict.UNKNOWN, Decider.NONE, "F3", T.plusSeconds(400))
                .setStatus(OutcomeStatus.FAILED).setReason("scan failed")
                .setIocs(List.of(new Ioc("domain", "evil.example", Verdict.MALICIOUS))).build());
        // the first file again, answered from the verdict cache: seen again, but no new scan
        verdicts.pipeInput("e5", verdict("e5", SHA_A, Verdict.SUSPICIOUS, Decider.CACHE, "F1", T.plusSeconds(600))
                .setTags(tags("doc", "macros")).setIocs(List.of(new Ioc("domain", "evil.example", null))).build());

        Map<String, IocFeedEntry> feed = feed();

        assertThat(feed).containsOnlyKeys("sha256:" + SHA_A, "sha256:" + SHA_B, "domain:evil.example", "url:http://evil.example/x");
        IocFeedEntry domain = feed.get("domain:evil.example");
        assertThat(domain.getType()).isEqualTo("domain");
        assertThat(domain.getValue()).isEqualTo("evil.example");
        assertThat(domain.getVerdict()).as("worst seen: its own verdict in the rescan").isEqualTo(Verdict.LIKELY_MALICIOUS);
        assertThat(domain.getScanCount()).as("flows F1 and F2").isEqualTo(2);
        assertThat(domain.getFirstSeen()).isEqualTo(T.plusSeconds(60));
        assertThat(domain.getLastSeen()).isEqualTo(T.plusSeconds(600));
        assertThat(domain.getTags()).containsExactly("doc", "macros", "exe", "emotet");
        assertThat(domain.getLatestFlowId()).isEqualTo("F1");
        assertThat(domain.getLatestSha256()).isEqualTo(SHA_A);
        assertThat(domain.getRecentFlowIds()).containsExactly("F2", "F1");
        assertThat(domain.getWorstFileVerdict()).as("the files it was seen in, apart from its own verdict").isEqualTo(Verdict.MALICIOUS);
        assertThat(domain.getSeenInVerdicts()).as("distinct flows by file verdict").isEqualTo(Map.of("SUSPICIOUS", 1, "MALICIOUS", 1));
        assertThat(feed.get("url:http://evil.example/x").getVerdict()).as("its own verdict, not the file's").isEqualTo(Verdict.MALICIOUS);
        IocFeedEntry fileA = feed.get("sha256:" + SHA_A);
        assertThat(fileA.getVerdict()).isEqualTo(Verdict.SUSPICIOUS);
        assertThat(fileA.getScanCount()).isEqualTo(1);
        assertThat(fileA.getLastSeen()).isEqualTo(T.plusSeconds(600));
        IocFeedEntry replayed = feed.get("sha256:" + SHA_B);
        assertThat(replayed.getVerdict()).isEqualTo(Verdict.MALICIOUS);
        assertThat(replayed.getScanCount()).isEqualTo(1);
        assertThat(replayed.getLatestFlowId()).isEqualTo("F2");
    }

    @Test
    void shouldKeepTheFirstAndLatestSightingWhenVerdictsArriveOutOfOrder() {
        start(Map.of());
        verdicts.pipeInput("late", verdict("late", SHA_B, Verdict.NO_THREAT, Decider.SANDBOX, "F9", T.plusSeconds(900)).build());
        verdicts.pipeInput("early", verdict("early", SHA_B, Verdict.BENIGN, Decider.REPUTATION, "F8", T.plusSeconds(100)).build());

        IocFeedEntry entry = feed().get("sha256:" + SHA_B);

        assertThat(entry.getFirstSeen()).isEqualTo(T.plusSeconds(100));
        assertThat(entry.getLastSeen()).isEqualTo(T.plusSeconds(900));
        assertThat(entry.getLatestFlowId()).isEqualTo("F9");
        assertThat(entry.getVerdict()).as("no threat is worse than trusted").isEqualTo(Verdict.NO_THREAT);
        assertThat(entry.getScanCount()).isEqualTo(2);
        assertThat(entry.getRecentFlowIds()).containsExactly("F9", "F8");
    }

    @Test
    void shouldCapTheTagsAnEntryKeeps() {
        start(Map.of("enricher.ioc.feed.max.tags", "3"));
        verdicts.pipeInput("e1", verdict("e1", SHA_A, Verdict.MALICIOUS, Decider.SANDBOX, "F1", T).setTags(tags("peexe", "packed")).build());
        verdicts.pipeInput("e2", verdict("e2", SHA_A, Verdict.MALICIOUS, Decider.SANDBOX, "F2", T.plusSeconds(1))
                .setTags(tags("emotet", "lolbin", "packed")).build());

        assertThat(feed().get("sha256:" + SHA_A).getTags()).containsExactly("peexe", "packed", "emotet");
    }

    @Test
    void shouldFeedTheIndicatorsOfVerdictsTheEnricherPublishes() {
        String flow = "66f1905b318df2831b854ce5";
        Report report = new Report("r1", OverallState.SUCCESS,
                Optional.of(new FinalVerdict(io.sandboxpipeline.client.Verdict.MALICIOUS, 1.0, 1.0, Optional.empty())),
                Optional.of(new FileInfo("dropper.js", SHA_C, Optional.of("other"))),
                List.of(new io.sandboxpipeline.client.Tag("javascript", "MEDIA_TYPE", true, Optional.empty(), List.of())),
                List.of(),
                List.of(new io.sandboxpipeline.client.Ioc("domain", "c2.example", Optional.empty())),
                List.of(), OptionalDouble.of(1.0));
        sandbox.whenFlow(flow, List.of(CompletableFuture.completedFuture(new FlowReport(flow, true, Optional.of(true),
                Optional.of(true), 1, Optional.of("max"), OptionalInt.of(5), Optional.of("finished"), OptionalLong.empty(),
                Optional.empty(), List.of(), Optional.empty(), List.of(report)))));
        start(Map.of());

        driver.createInputTopic(topics.outcomes().name(), Serdes.String().serializer(), topics.scanOutcomeSerde().serializer())
                .pipeInput(SHA_C, Outcomes.builder(TestTopics.arrival("e1", "file:///data/dropper.js").build(), SHA_C,
                                OutcomeStatus.DONE, null, 1, T)
                        .setDecidedBy(Decider.SANDBOX).setVerdict(Verdict.MALICIOUS).setThreatLevel(1.0).setFlowId(flow).build());
        TestTopics.advance(driver, Duration.ofMillis(300), Duration.ofMillis(100));

        Map<String, IocFeedEntry> feed = feed();
        assertThat(feed).containsOnlyKeys("sha256:" + SHA_C, "domain:c2.example");
        assertThat(feed.get("domain:c2.example").getVerdict()).as("no report item rated it").isEqualTo(Verdict.UNKNOWN);
        assertThat(feed.get("domain:c2.example").getWorstFileVerdict()).isEqualTo(Verdict.MALICIOUS);
        assertThat(feed.get("sha256:" + SHA_C).getVerdict()).as("a file's own hash has the file's verdict").isEqualTo(Verdict.MALICIOUS);
        assertThat(feed.get("domain:c2.example").getTags()).containsExactly("javascript");
        assertThat(feed.get("domain:c2.example").getLatestFlowId()).isEqualTo(flow);
    }

    @Test
    void shouldWriteNoFeedWhenTurnedOff() {
        Map<String, String> values = Map.of("kafka.bootstrap.servers", "unused:9092", "sandbox.url", "http://127.0.0.1:1",
                "sandbox.api.key", "test-key", "schema.registry.url", "mock://unused", "enricher.ioc.feed", "false");

        TopologyDescription description = build(values).describe();

        // with both feeds off, the enricher is the one sub-topology it always was
        assertThat(description.subtopologies()).singleElement().satisfies(only -> {
            assertThat(only.id()).isZero();
            assertThat(only.nodes()).extracting(TopologyDescription.Node::name)
                    .containsExactlyInAnyOrder("outcomes-source", "enrich-verdicts", "enrich-verdicts-to-verdicts");
        });
        assertThat(description.toString()).doesNotContain(topics.iocFeed().name()).doesNotContain("enricher-ioc-feed");
    }

    @Test
    void shouldNameEveryInternalTopicAndKeepTheEnrichmentInSubtopologyZero() {
        Map<String, String> values = Map.of("kafka.bootstrap.servers", "unused:9092", "sandbox.url", "http://127.0.0.1:1",
                "sandbox.api.key", "test-key", "schema.registry.url", "mock://unused", "enricher.json.mirror", "true");
        TopologyDescription description = build(values).describe();

        // existing deployments keep their local state directories (task 0_x) for the pending enrichments
        TopologyDescription.Subtopology first = description.subtopologies().stream().filter(s -> s.id() == 0).findFirst().orElseThrow();
        assertThat(first.nodes()).extracting(TopologyDescription.Node::name).contains("enrich-verdicts", "verdicts-to-json");
        assertThat(description.toString()).contains("verdicts-by-ioc-repartition").contains("enricher-ioc-feed")
                .doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
    }
}
