package io.sandboxpipeline.enricher;

import static io.sandboxpipeline.core.testing.CountingStores.counting;
import static io.sandboxpipeline.core.testing.CountingStores.inMemory;
import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.core.async.Backoff;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.outcome.Outcomes;
import io.sandboxpipeline.core.quota.EndpointLimit;
import io.sandboxpipeline.core.quota.QuotaConfig;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.quota.SandboxEndpoint;
import io.sandboxpipeline.core.testing.CountingStores;
import io.sandboxpipeline.core.testing.FakeSandbox;
import io.sandboxpipeline.core.testing.TestTopics;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.Lane;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What one tick of the enricher's call loop reads while the report quota refuses: it must not grow with the number of
 * verdicts waiting for their reports. The loop before the report queue copied every waiting verdict on every tick.
 */
class ReportQueueCostTest {

    private static final long START_MS = TestTopics.START.toEpochMilli();

    private final PipelineTopics topics = TestTopics.create();
    private final FakeSandbox sandbox = new FakeSandbox();
    private final CountingStores.Reads queueReads = new CountingStores.Reads();
    private final CountingStores.Reads outcomeReads = new CountingStores.Reads();

    @ParameterizedTest(name = "{0} verdicts waiting")
    @ValueSource(ints = {20, 5_000})
    void shouldReadOnlyTheHeadOfTheReportQueueWhenTheQuotaRefuses(int waiting) {
        MockProcessorContext<String, EnrichedVerdict> context = contextWithStores();
        QuotaConfig oneReportPerSecond = QuotaConfig.unlimited().with(SandboxEndpoint.REPORT, new EndpointLimit(1, 0, 0));
        EnrichVerdictsProcessor processor = new EnrichVerdictsProcessor(sandbox, config(),
                new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1), new Random(1)), new QuotaLimiter(oneReportPerSecond),
                PipelineMetrics.noop());
        processor.init(context);
        context.setCurrentSystemTimeMs(START_MS);
        for (int i = 0; i < waiting; i++) {
            processor.process(new Record<>("sha-" + i, sandboxVerdict(i), START_MS));
        }
        tick(context, 100); // the one fetch the quota allowed (made on arrival) is answered

        queueReads.reset();
        outcomeReads.reset();
        tick(context, 200);

        assertThat(sandbox.polls().size()).as("report fetches").isEqualTo(1);
        assertThat(queueReads.entries()).as("report-queue entries read").isLessThanOrEqualTo(1);
        assertThat(outcomeReads.gets() + outcomeReads.entries()).as("waiting verdicts read").isLessThanOrEqualTo(1);
        assertThat(context.forwarded()).as("the first verdict, published without its report (none exists)").hasSize(1);
        processor.close();
    }

    private static void tick(MockProcessorContext<String, EnrichedVerdict> context, long offsetMs) {
        context.setCurrentSystemTimeMs(START_MS + offsetMs);
        new ArrayList<>(context.scheduledPunctuators()).forEach(p -> p.getPunctuator().punctuate(START_MS + offsetMs));
    }

    private static ScanOutcome sandboxVerdict(int i) {
        return Outcomes.builder(TestTopics.arrival("e-" + i, "file:///data/f-" + i).setLane(Lane.REPLAY).build(),
                        String.format(Locale.ROOT, "%064x", i + 1), OutcomeStatus.DONE, null, 1, TestTopics.START)
                .setDecidedBy(Decider.SANDBOX).setVerdict(Verdict.NO_THREAT).setFlowId(String.format(Locale.ROOT, "%024x", i + 1))
                .setSubmittedAt(TestTopics.START)
                .build();
    }

    private static EnricherConfig config() {
        return EnricherConfig.from(ConfigValues.of(Map.of("kafka.bootstrap.servers", "unused:9092",
                "sandbox.url", "http://127.0.0.1:1", "sandbox.api.key", "test-key", "schema.registry.url", "mock://unused")));
    }

    private MockProcessorContext<String, EnrichedVerdict> contextWithStores() {
        MockProcessorContext<String, EnrichedVerdict> context = new MockProcessorContext<>();
        context.addStateStore(counting(inMemory(context, EnricherNames.PENDING_ENRICHMENTS_STORE, Serdes.String(),
                topics.scanOutcomeSerde()), outcomeReads));
        context.addStateStore(inMemory(context, EnricherNames.REPORT_WAITERS_STORE, Serdes.String(),
                Serdes.ListSerde(ArrayList.class, Serdes.String())));
        context.addStateStore(counting(inMemory(context, EnricherNames.REPORT_QUEUE_STORE, Serdes.Bytes(), Serdes.String()), queueReads));
        return context;
    }
}
