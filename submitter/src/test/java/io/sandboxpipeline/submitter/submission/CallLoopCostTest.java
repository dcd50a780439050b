package io.sandboxpipeline.submitter.submission;

import static io.sandboxpipeline.core.testing.TestTopics.arrival;
import static io.sandboxpipeline.core.testing.CountingStores.counting;
import static io.sandboxpipeline.core.testing.CountingStores.inMemory;
import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.client.ScanOptions;
import io.sandboxpipeline.core.async.Backoff;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.quota.EndpointLimit;
import io.sandboxpipeline.core.quota.QuotaConfig;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.quota.SandboxEndpoint;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.core.source.HttpSourcePolicy;
import io.sandboxpipeline.core.testing.CountingStores;
import io.sandboxpipeline.core.testing.FakeSandbox;
import io.sandboxpipeline.core.testing.TestTopics;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.Lane;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.submitter.SubmitterNames;
import io.sandboxpipeline.submitter.cache.CachePolicy;
import io.sandboxpipeline.submitter.policy.SourcePolicies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What one tick of the submission's call loop reads from its stores, counted while the quota refuses: it must not
 * grow with the backlog. A loop that walked the pending work would read every waiting content on every tick.
 */
class CallLoopCostTest {

    private static final long START_MS = TestTopics.START.toEpochMilli();
    private static final int MAX_IN_FLIGHT_UPLOADS = 8;
    private static final int BATCH = 50;

    @TempDir
    Path dir;

    private final PipelineTopics topics = TestTopics.create();
    private final FakeSandbox sandbox = new FakeSandbox();
    private final CountingStores.Reads queueReads = new CountingStores.Reads();
    private final CountingStores.Reads workReads = new CountingStores.Reads();

    @ParameterizedTest(name = "{0} contents waiting")
    @ValueSource(ints = {20, 5_000})
    void shouldReadOnlyTheHeadOfTheUploadQueueWhenTheQuotaRefuses(int backlog) throws IOException {
        MockProcessorContext<String, SpecificRecord> context = contextWithStores();
        SubmitScansProcessor processor = new SubmitScansProcessor(dependencies(false, quota(SandboxEndpoint.UPLOAD)));
        processor.init(context);
        publishReplay(processor, context, backlog);
        tick(context, 100); // the upload limit is learnt and the first uploads are marked
        tick(context, 200); // the one upload the quota allows this second goes out

        long[] reads = readsOfOneTick(context, 300);

        assertThat(sandbox.submissions()).hasSize(1);
        // the marked uploads waiting for a permit, and the one the quota refused
        assertThat(reads[0]).as("call-queue entries read").isLessThanOrEqualTo(MAX_IN_FLIGHT_UPLOADS + 1);
        assertThat(reads[1]).as("work records read").isLessThanOrEqualTo(MAX_IN_FLIGHT_UPLOADS + 1);
        processor.close();
    }

    @ParameterizedTest(name = "{0} contents waiting")
    @ValueSource(ints = {20, 5_000})
    void shouldReadAtMostOneBatchWhenTheQuotaRefusesLookUps(int backlog) throws IOException {
        MockProcessorContext<String, SpecificRecord> context = contextWithStores();
        SubmitScansProcessor processor = new SubmitScansProcessor(dependencies(true, quota(SandboxEndpoint.REPUTATION)));
        processor.init(context);
        publishReplay(processor, context, backlog);
        tick(context, 100); // the one look-up the quota allows this second

        long[] reads = readsOfOneTick(context, 200);

        assertThat(sandbox.reputationRequests()).hasSize(1);
        // the batch the quota refused, and the head of the upload queue (the contents the first batch let through)
        assertThat(reads[0]).as("call-queue entries read").isLessThanOrEqualTo(BATCH + MAX_IN_FLIGHT_UPLOADS + 1);
        processor.close();
    }

    @Test
    void shouldStillDrainTheWholeBacklogOneBatchAtATime() throws IOException {
        MockProcessorContext<String, SpecificRecord> context = contextWithStores();
        SubmitScansProcessor processor = new SubmitScansProcessor(dependencies(true, QuotaConfig.unlimited()));
        processor.init(context);
        publishReplay(processor, context, 1_000);

        for (int t = 100; t <= 1_000; t += 100) {
            tick(context, t);
        }

        assertThat(sandbox.reputationRequests()).hasSize(1_000 / BATCH).allSatisfy(batch -> assertThat(batch).hasSize(BATCH));
        queueReads.reset();
        tick(context, 1_100);
        // the look-up queues are empty now: a scan of one would step over the tombstones of all 1,000 taken from it
        assertThat(queueReads.scans()).as("queue scans of a tick with only the upload queue non-empty").isLessThanOrEqualTo(1);
        processor.close();
    }

    private long[] readsOfOneTick(MockProcessorContext<String, SpecificRecord> context, long atMs) {
        queueReads.reset();
        workReads.reset();
        tick(context, atMs);
        return new long[] {queueReads.entries(), workReads.gets()};
    }

    private static void tick(MockProcessorContext<String, SpecificRecord> context, long offsetMs) {
        context.setCurrentSystemTimeMs(START_MS + offsetMs);
        context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(START_MS + offsetMs));
    }

    private void publishReplay(SubmitScansProcessor processor, MockProcessorContext<String, SpecificRecord> context, int count)
            throws IOException {
        context.setCurrentSystemTimeMs(START_MS);
        for (int i = 0; i < count; i++) {
            if (i < 20) {
                Files.writeString(dir.resolve("f-" + i), "content " + i); // what the first uploads read
            }
            String sha256 = String.format(Locale.ROOT, "%064x", i + 1);
            ScanRequest request = ScanRequest.newBuilder()
                    .setEvent(arrival("e-" + i, dir.resolve("f-" + i).toUri().toString()).setLane(Lane.REPLAY).build())
                    .setSha256(sha256).setSize(10L).setAttempt(1).setPreviousFlowIds(List.of())
                    .setHashedAt(TestTopics.START).setFirstSubmittedAt(null).build();
            processor.process(new Record<>(sha256, request, START_MS));
        }
    }

    private static QuotaConfig quota(SandboxEndpoint endpoint) {
        return QuotaConfig.unlimited().with(endpoint, new EndpointLimit(1, 0, 0));
    }

    private SubmitScansProcessor.Dependencies dependencies(boolean reputationCheck, QuotaConfig quota) {
        return new SubmitScansProcessor.Dependencies(sandbox,
                new FileSources(List.of(dir), HttpSourcePolicy.anyHost(), Duration.ofSeconds(5)), Runnable::run,
                ScanOptions.defaults(), reputationCheck, BATCH, Duration.ZERO, 100L << 20, 32, MAX_IN_FLIGHT_UPLOADS,
                Duration.ofMinutes(15), new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1), new Random(1)),
                Duration.ofMillis(100), CachePolicy.from(ConfigValues.of(Map.of())), new QuotaLimiter(quota),
                SourcePolicies.from(ConfigValues.of(Map.of()), true), PipelineMetrics.noop(), true, Duration.ZERO);
    }

    private MockProcessorContext<String, SpecificRecord> contextWithStores() {
        MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
        context.addStateStore(counting(inMemory(context, SubmitterNames.HASH_WORK_STORE, Serdes.String(), topics.hashWorkSerde()), workReads));
        context.addStateStore(inMemory(context, SubmitterNames.PENDING_CALLS_STORE, Serdes.String(), Serdes.String()));
        for (String queue : SubmitterNames.CALL_QUEUE_STORES) {
            context.addStateStore(counting(inMemory(context, queue, Serdes.Bytes(), Serdes.String()), queueReads));
        }
        context.addStateStore(inMemory(context, SubmitterNames.VERDICT_CACHE_STORE, Serdes.String(), topics.cachedVerdictSerde()));
        return context;
    }
}
