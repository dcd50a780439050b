package io.sandboxpipeline.submitter;

import static io.sandboxpipeline.core.testing.TestTopics.arrival;
import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.client.ErrorKind;
import io.sandboxpipeline.client.FileUpload;
import io.sandboxpipeline.client.SandboxHttpException;
import io.sandboxpipeline.client.SandboxTransportException;
import io.sandboxpipeline.client.ScanOptions;
import io.sandboxpipeline.client.Verdict;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.outcome.Outcomes;
import io.sandboxpipeline.core.outcome.ScanResults;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.core.source.HttpSourcePolicy;
import io.sandboxpipeline.core.source.Sha256;
import io.sandboxpipeline.core.streams.DeadLetterBreaker;
import io.sandboxpipeline.core.testing.FakeSandbox;
import io.sandboxpipeline.core.testing.TestTopics;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.CachedVerdict;
import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.HashWork;
import io.sandboxpipeline.schemas.Lane;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanFlow;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.schemas.ScanResult;
import io.sandboxpipeline.schemas.WorkPhase;
import io.sandboxpipeline.submitter.ingest.IngestCounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmitterTopologyTest {

    private static final Duration STEP = Duration.ofMillis(100);

    @TempDir
    Path dir;

    private final FakeSandbox sandbox = new FakeSandbox();
    private final PipelineTopics topics = TestTopics.create();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> rawInput;
    private TestInputTopic<String, FileArrival> input;
    private TestInputTopic<String, ScanRequest> requestsIn;
    private TestOutputTopic<String, ScanRequest> requests;
    private TestOutputTopic<String, ScanFlow> flows;
    private TestOutputTopic<String, ScanOutcome> outcomes;
    private TestOutputTopic<String, DeadLetter> deadLetters;
    private TestInputTopic<String, ScanResult> resultsIn;
    private TestOutputTopic<String, CachedVerdict> cacheTopic;

    @BeforeEach
    void start() {
        startWith(Map.of());
    }

    private void startWith(Map<String, String> overrides) {
        if (driver != null) {
            driver.close();
        }
        ConfigValues values = ConfigValues.of(Map.of(
                "kafka.bootstrap.servers", "unused:9092",
                "sandbox.url", "http://127.0.0.1:1",
                "sandbox.api.key", "test-key",
                "schema.registry.url", "mock://unused",
                "submitter.retry.backoff", "200ms",
                // most tests follow one content at a time: no wait for others to share its look-up (the bulk tests set it)
                "submitter.reputation.batch.window", "0s",
                // most tests want the re-upload at once; shouldSearchUntilThePatienceRunsOut sets its own
                "submitter.lost.upload.patience", "0s"));
        for (var e : overrides.entrySet()) {
            values = values.with(e.getKey(), e.getValue());
        }
        SubmitterConfig config = SubmitterConfig.from(values);
        SubmitterTopology.Wiring wiring = new SubmitterTopology.Wiring(sandbox,
                new FileSources(List.of(dir), HttpSourcePolicy.anyHost(), Duration.ofSeconds(5)), Runnable::run, new Random(1),
                new QuotaLimiter(config.pipeline().quota()),
                DeadLetterBreaker.disabled(), new IngestCounts(), PipelineMetrics.noop());
        driver = new TopologyTestDriver(SubmitterTopology.build(topics, config, wiring), TestTopics.driverProperties(), TestTopics.START);
        rawInput = driver.createInputTopic(topics.fileArrivalsRaw().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        input = driver.createInputTopic(topics.fileArrivals().name(), Serdes.String().serializer(), topics.fileArrivalSerde().serializer());
        requestsIn = driver.createInputTopic(topics.scanRequests().name(), Serdes.String().serializer(), topics.scanRequestSerde().serializer());
        requests = driver.createOutputTopic(topics.scanRequests().name(), Serdes.String().deserializer(), topics.scanRequestSerde().deserializer());
        flows = driver.createOutputTopic(topics.scanFlows().name(), Serdes.String().deserializer(), topics.scanFlowSerde().deserializer());
        outcomes = driver.createOutputTopic(topics.outcomes().name(), Serdes.String().deserializer(), topics.scanOutcomeSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters().name(), Serdes.String().deserializer(), topics.deadLetters().valueSerde().deserializer());
        resultsIn = driver.createInputTopic(topics.scanResults().name(), Serdes.String().serializer(), topics.scanResults().valueSerde().serializer());
        cacheTopic = driver.createOutputTopic(topics.verdictCache().name(), Serdes.String().deserializer(), topics.cachedVerdictSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private void run(Duration duration) {
        TestTopics.advance(driver, duration, STEP);
    }

    @Test
    void shouldHashUnknownFileAndUploadItPrivately() throws IOException {
        Path clean = file("report.txt", "quarterly numbers");
        input.pipeInput("e1", arrival("e1", clean.toUri().toString()).build());

        run(Duration.ofSeconds(1));

        String sha256 = Sha256.ofBytes("quarterly numbers".getBytes(StandardCharsets.UTF_8));
        List<ScanFlow> submitted = flows.readValuesToList();
        assertThat(submitted).singleElement().satisfies(flow -> {
            assertThat(flow.getRequest().getSha256()).isEqualTo(sha256);
            assertThat(flow.getRequest().getEvent().getEventId()).isEqualTo("e1");
            assertThat(flow.getFlowId()).isEqualTo(sandbox.submissions().get(0).flowId());
        });
        assertThat(sandbox.reputationCalls()).containsExactly(sha256);
        assertThat(sandbox.submissions()).singleElement().satisfies(s -> {
            assertThat(s.content()).isEqualTo("quarterly numbers");
            assertThat(s.fileName()).isEqualTo("report.txt");
            assertThat(s.options().isPrivate()).isTrue();
        });
        assertThat(outcomes.isEmpty()).isTrue();
    }

    @Test
    void shouldDecideMaliciousReputationWithoutUpload() throws IOException {
        Path known = file("dropper.exe", "bad bytes");
        String sha256 = Sha256.ofBytes("bad bytes".getBytes(StandardCharsets.UTF_8));
        sandbox.knownHash(sha256, Verdict.LIKELY_MALICIOUS, "66f1905b318df2831b854ce5");
        input.pipeInput("e2", arrival("e2", known.toUri().toString()).build());

        run(Duration.ofSeconds(1));

        ScanOutcome outcome = outcomes.readValue();
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.DONE);
        assertThat(outcome.getDecidedBy()).isEqualTo(Decider.REPUTATION);
        assertThat(outcome.getVerdict()).isEqualTo(io.sandboxpipeline.schemas.Verdict.LIKELY_MALICIOUS);
        assertThat(outcome.getThreatLevel()).isEqualTo(0.75);
        assertThat(outcome.getReferenceFlowId()).isEqualTo("66f1905b318df2831b854ce5");
        assertThat(sandbox.submissions()).isEmpty();
        assertThat(flows.isEmpty()).isTrue();
    }

    @Test
    void shouldUseTheEventsHashWithoutReadingTheSource() {
        String sha256 = "a".repeat(64);
        input.pipeInput("e3", arrival("e3", "s3://bucket/key").setSha256(sha256).setSize(10L).build());

        assertThat(requests.readKeyValue()).satisfies(kv -> {
            assertThat(kv.key).isEqualTo(sha256);
            assertThat(kv.value.getSize()).isEqualTo(10L);
        });
    }

    @Test
    void shouldSkipFilesOverTheSandboxUploadLimit() throws IOException {
        sandbox.maxUploadSize(10);
        startWith(Map.of()); // the limit is asked for when the stage starts
        Path big = file("big.bin", "more than ten bytes of content");
        input.pipeInput("e4", arrival("e4", big.toUri().toString()).build());

        run(Duration.ofSeconds(1));

        ScanOutcome outcome = outcomes.readValue();
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.SKIPPED);
        assertThat(outcome.getReason()).contains("30 bytes").contains("maxUploadSize of 10 bytes");
        assertThat(sandbox.submissions()).isEmpty();
    }

    @Test
    void shouldFailMissingFilesWithTheReason() {
        input.pipeInput("e5", arrival("e5", dir.resolve("gone.txt").toUri().toString()).build());

        run(Duration.ofSeconds(1));

        ScanOutcome outcome = outcomes.readValue();
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.getReason()).contains("file not found").contains("gone.txt");
        assertThat(outcome.getEvent().getEventId()).isEqualTo("e5");
    }

    @Test
    void shouldSkipUnsupportedUriSchemes() {
        input.pipeInput("e6", arrival("e6", "ftp://files.example/a.bin").build());

        run(Duration.ofSeconds(1));

        ScanOutcome outcome = outcomes.readValue();
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.SKIPPED);
        assertThat(outcome.getReason()).contains("unsupported uri scheme 'ftp'");
    }

    @Test
    void shouldDeadLetterUndeserializableInputWithItsBytes() {
        byte[] garbage = {0x7b, 0x22, 0x01, 0x02};
        rawInput.pipeInput("k1", garbage);

        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getErrorType()).isEqualTo("UNDESERIALIZABLE");
        assertThat(letter.getReason()).contains("cannot deserialize");
        assertThat(letter.getOriginalValue().array()).isEqualTo(garbage);
        assertThat(letter.getSourceTopic()).isEqualTo(topics.fileArrivals().name());
        assertThat(letter.getOffset()).isZero();
    }

    @Test
    void shouldDeadLetterEventsWithAnInvalidSha256() {
        input.pipeInput("e7", arrival("e7", "file:///tmp/x").setSha256("not-a-hash").build());

        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getErrorType()).isEqualTo("INVALID_EVENT");
        assertThat(letter.getEventId()).isEqualTo("e7");
        assertThat(letter.getReason()).contains("not 64 hexadecimal characters");
    }

    @Test
    void shouldRetryUploadsAfterRetryableErrors() throws IOException {
        sandbox.failNextUpload(new SandboxHttpException(ErrorKind.SERVER_ERROR, 503, "POST /api/scan/file", "busy"));
        Path clean = file("a.txt", "retry me");
        input.pipeInput("e8", arrival("e8", clean.toUri().toString()).build());

        run(Duration.ofSeconds(3));

        assertThat(flows.readValuesToList()).hasSize(1);
        assertThat(outcomes.isEmpty()).isTrue();
    }

    @Test
    void shouldFailUploadsStillFailingAtTheRetryDeadline() throws IOException {
        startWith(Map.of("submitter.retry.deadline", "1s"));
        for (int i = 0; i < 10; i++) {
            sandbox.failNextUpload(new SandboxHttpException(ErrorKind.SERVER_ERROR, 500, "POST /api/scan/file", "Internal Server Error"));
        }
        Path clean = file("b.txt", "never accepted");
        input.pipeInput("e9", arrival("e9", clean.toUri().toString()).build());

        run(Duration.ofSeconds(3));

        ScanOutcome outcome = outcomes.readValue();
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.getReason()).startsWith("upload failed for 1 s").contains("Internal Server Error");
    }

    @Test
    void shouldResubmitFailedScansWithoutAnotherReputationCheck() throws IOException {
        Path clean = file("c.txt", "second try");
        String sha256 = Sha256.ofBytes("second try".getBytes(StandardCharsets.UTF_8));
        ScanRequest retry = ScanRequest.newBuilder()
                .setEvent(arrival("e10", clean.toUri().toString()).build())
                .setSha256(sha256).setSize(10).setAttempt(2).setPreviousFlowIds(List.of("000000000000000000000001"))
                .setLastFailureReason("overallState failed").setHashedAt(TestTopics.START).setFirstSubmittedAt(TestTopics.START)
                .build();
        requestsIn.pipeInput(sha256, retry);

        run(Duration.ofSeconds(1));

        assertThat(sandbox.reputationCalls()).isEmpty();
        ScanFlow flow = flows.readValue();
        assertThat(flow.getRequest().getAttempt()).isEqualTo(2);
        assertThat(flow.getRequest().getFirstSubmittedAt()).isEqualTo(TestTopics.START);
    }

    @Test
    void shouldUploadWithTheEventsArchivePassword() throws IOException {
        Path zip = file("secret.zip", "zip bytes");
        input.pipeInput("e11", arrival("e11", zip.toUri().toString()).setAttributes(Map.of("sandbox.password", "infected")).build());

        run(Duration.ofSeconds(1));

        assertThat(sandbox.submissions()).singleElement()
                .satisfies(s -> assertThat(s.options().password()).contains("infected"));
    }

    // ---- one submission per content: coalescing and the verdict cache -------------------------------------------

    /** What the poller sends back when the flow of {@code flow} finished with this verdict. */
    private void scanFinished(ScanFlow flow, io.sandboxpipeline.schemas.Verdict verdict, double threatLevel) {
        ScanOutcome result = Outcomes.builder(flow.getRequest().getEvent(), flow.getRequest().getSha256(),
                        OutcomeStatus.DONE, null, flow.getRequest().getAttempt(), TestTopics.START)
                .setDecidedBy(Decider.SANDBOX).setVerdict(verdict).setThreatLevel(threatLevel).setConfidence(1.0)
                .setFlowId(flow.getFlowId()).build();
        resultsIn.pipeInput(flow.getRequest().getSha256(), ScanResults.of(result));
    }

    private List<String> duplicates(String content, int copies) throws IOException {
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            uris.add(file("copy-" + i + "-" + content.hashCode() + ".bin", content).toUri().toString());
        }
        return uris;
    }

    @Test
    void shouldLookUpAndSubmitOnceForManyConcurrentCopiesAndAnswerEveryEvent() throws IOException {
        List<String> uris = duplicates("the same attachment", 6);
        for (int i = 0; i < uris.size(); i++) {
            input.pipeInput("dup-" + i, arrival("dup-" + i, uris.get(i)).build());
        }

        run(Duration.ofSeconds(1));

        assertThat(sandbox.reputationCalls()).hasSize(1);
        assertThat(sandbox.submissions()).hasSize(1);
        ScanFlow flow = flows.readValue();
        assertThat(flows.isEmpty()).isTrue();
        assertThat(outcomes.isEmpty()).isTrue();

        scanFinished(flow, io.sandboxpipeline.schemas.Verdict.SUSPICIOUS, 0.5);

        List<ScanOutcome> answered = outcomes.readValuesToList();
        assertThat(answered).extracting(o -> o.getEvent().getEventId())
                .containsExactlyInAnyOrder("dup-0", "dup-1", "dup-2", "dup-3", "dup-4", "dup-5");
        assertThat(answered).allSatisfy(o -> {
            assertThat(o.getVerdict()).isEqualTo(io.sandboxpipeline.schemas.Verdict.SUSPICIOUS);
            assertThat(o.getDecidedBy()).isEqualTo(Decider.SANDBOX);
            assertThat(o.getFlowId()).isEqualTo(flow.getFlowId());
        });
    }

    @Test
    void shouldTakeAResultAnOlderPollerWroteAsScanOutcomeDuringAnUpgrade() throws IOException {
        List<String> uris = duplicates("in flight across an upgrade", 2);
        input.pipeInput("old-1", arrival("old-1", uris.get(0)).build());
        input.pipeInput("old-2", arrival("old-2", uris.get(1)).build());
        run(Duration.ofSeconds(1));
        ScanFlow flow = flows.readValue();

        // before this version the poller wrote ScanOutcome records (their schema registered) to scan-results
        ScanOutcome oldFormat = Outcomes.builder(flow.getRequest().getEvent(), flow.getRequest().getSha256(),
                        OutcomeStatus.DONE, null, 1, TestTopics.START)
                .setDecidedBy(Decider.SANDBOX).setVerdict(io.sandboxpipeline.schemas.Verdict.MALICIOUS).setThreatLevel(1.0)
                .setFlowId(flow.getFlowId()).build();
        String topic = topics.scanResults().name();
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(topic, Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        raw.pipeInput(flow.getRequest().getSha256(), topics.scanOutcomeSerde().serializer().serialize(topic, oldFormat));

        assertThat(outcomes.readValuesToList()).as("every waiting event answered from the old-format result")
                .extracting(o -> o.getEvent().getEventId() + " " + o.getVerdict() + " " + o.getFlowId())
                .containsExactlyInAnyOrder("old-1 MALICIOUS " + flow.getFlowId(), "old-2 MALICIOUS " + flow.getFlowId());
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldAttachEventsThatArriveWhileTheContentIsScanned() throws IOException {
        List<String> uris = duplicates("late copies", 3);
        input.pipeInput("first", arrival("first", uris.get(0)).build());
        run(Duration.ofSeconds(1));
        ScanFlow flow = flows.readValue();

        input.pipeInput("second", arrival("second", uris.get(1)).build());
        input.pipeInput("third", arrival("third", uris.get(2)).build());
        run(Duration.ofSeconds(1));
        scanFinished(flow, io.sandboxpipeline.schemas.Verdict.NO_THREAT, 0.1);

        assertThat(sandbox.submissions()).hasSize(1);
        assertThat(sandbox.reputationCalls()).hasSize(1);
        assertThat(outcomes.readValuesToList()).extracting(o -> o.getEvent().getEventId())
                .containsExactlyInAnyOrder("first", "second", "third");
    }

    @Test
    void shouldAnswerFromTheCacheWithoutAnySandboxCallAndSayFromWhichFlow() throws IOException {
        List<String> uris = duplicates("cached content", 2);
        input.pipeInput("a", arrival("a", uris.get(0)).build());
        run(Duration.ofSeconds(1));
        ScanFlow flow = flows.readValue();
        scanFinished(flow, io.sandboxpipeline.schemas.Verdict.MALICIOUS, 1.0);
        outcomes.readValuesToList();

        input.pipeInput("b", arrival("b", uris.get(1)).build());
        run(Duration.ofSeconds(1));

        ScanOutcome cached = outcomes.readValue();
        assertThat(cached.getEvent().getEventId()).isEqualTo("b");
        assertThat(cached.getDecidedBy()).isEqualTo(Decider.CACHE);
        assertThat(cached.getVerdict()).isEqualTo(io.sandboxpipeline.schemas.Verdict.MALICIOUS);
        assertThat(cached.getFlowId()).isEqualTo(flow.getFlowId());
        assertThat(sandbox.submissions()).hasSize(1);
        assertThat(sandbox.reputationCalls()).hasSize(1);
        CachedVerdict published = cacheTopic.readValue();
        assertThat(published.getSha256()).isEqualTo(flow.getRequest().getSha256());
        assertThat(published.getExpiresAt()).isAfter(TestTopics.START.plus(Duration.ofDays(29)));
    }

    @Test
    void shouldScanAgainWhenAnEventAsksForARescan() throws IOException {
        List<String> uris = duplicates("rescan me", 2);
        input.pipeInput("a", arrival("a", uris.get(0)).build());
        run(Duration.ofSeconds(1));
        scanFinished(flows.readValue(), io.sandboxpipeline.schemas.Verdict.NO_THREAT, 0.1);

        input.pipeInput("b", arrival("b", uris.get(1)).setAttributes(Map.of("sandbox.rescan", "true")).build());
        run(Duration.ofSeconds(1));

        assertThat(sandbox.submissions()).hasSize(2);
        assertThat(sandbox.reputationCalls()).hasSize(1);
        assertThat(flows.readValue().getRequest().getEvent().getEventId()).isEqualTo("b");
    }

    @Test
    void shouldLookAgainOnceACachedVerdictExpires() throws IOException {
        startWith(Map.of("cache.ttl.no_threat", "2s"));
        List<String> uris = duplicates("short-lived", 2);
        input.pipeInput("a", arrival("a", uris.get(0)).build());
        run(Duration.ofSeconds(1));
        scanFinished(flows.readValue(), io.sandboxpipeline.schemas.Verdict.NO_THREAT, 0.1);

        run(Duration.ofSeconds(3));
        input.pipeInput("b", arrival("b", uris.get(1)).build());
        run(Duration.ofSeconds(1));

        assertThat(sandbox.submissions()).hasSize(2);
    }

    @Test
    void shouldAnswerEveryWaitingEventWithAReputationVerdict() throws IOException {
        String content = "known bad content";
        sandbox.knownHash(Sha256.ofBytes(content.getBytes(StandardCharsets.UTF_8)), Verdict.MALICIOUS, "66f1905b318df2831b854ce5");
        List<String> uris = duplicates(content, 3);
        for (int i = 0; i < uris.size(); i++) {
            input.pipeInput("bad-" + i, arrival("bad-" + i, uris.get(i)).build());
        }

        run(Duration.ofSeconds(1));

        assertThat(outcomes.readValuesToList()).hasSize(3).allSatisfy(o -> {
            assertThat(o.getDecidedBy()).isEqualTo(Decider.REPUTATION);
            assertThat(o.getVerdict()).isEqualTo(io.sandboxpipeline.schemas.Verdict.MALICIOUS);
        });
        assertThat(sandbox.reputationCalls()).hasSize(1);
        assertThat(sandbox.submissions()).isEmpty();
    }

    @Test
    void shouldGiveEveryWaitingEventTheSameSkipReason() throws IOException {
        sandbox.maxUploadSize(5);
        startWith(Map.of());
        List<String> uris = duplicates("far too large for five bytes", 2);
        input.pipeInput("x", arrival("x", uris.get(0)).build());
        input.pipeInput("y", arrival("y", uris.get(1)).build());

        run(Duration.ofSeconds(1));

        assertThat(outcomes.readValuesToList()).hasSize(2)
                .allSatisfy(o -> assertThat(o.getStatus()).isEqualTo(OutcomeStatus.SKIPPED));
    }

    // ---- quota and lanes -------------------------------------------------------------------------------------------

    @Test
    void shouldUploadLiveFilesAheadOfAReplayBacklogUnderAQuota() throws IOException {
        startWith(Map.of("quota.upload.per.second", "2", "quota.live.reserved.share", "0.5", "submitter.reputation.check", "false"));
        for (int i = 0; i < 20; i++) {
            String uri = file("replay-" + i + ".bin", "replayed file " + i).toUri().toString();
            input.pipeInput("replay-" + i, arrival("replay-" + i, uri).setLane(Lane.REPLAY).build());
        }
        run(Duration.ofSeconds(1));
        for (int i = 0; i < 4; i++) {
            String uri = file("live-" + i + ".bin", "new file " + i).toUri().toString();
            input.pipeInput("live-" + i, arrival("live-" + i, uri).build());
        }

        run(Duration.ofSeconds(4));

        List<String> uploaded = sandbox.submissions().stream().map(FakeSandbox.Submission::fileName).toList();
        // 2 uploads/s for 5 s: the live files go out as their reserved share allows, not after the 20 replayed ones
        assertThat(uploaded).hasSizeLessThanOrEqualTo(13);
        assertThat(uploaded).contains("live-0.bin", "live-1.bin", "live-2.bin", "live-3.bin");
        assertThat(uploaded.stream().filter(name -> name.startsWith("replay-"))).isNotEmpty();
    }

    // ---- call queues: what may start now, oldest first, live ahead ---------------------------------------------------

    @Test
    void shouldUploadAReplayBacklogInArrivalOrderWithLiveWorkAheadOfIt() throws IOException {
        startWith(Map.of("quota.upload.per.second", "2", "submitter.reputation.check", "false"));
        for (int i = 0; i < 30; i++) {
            String uri = file("replay-" + i + ".bin", "replayed file " + i).toUri().toString();
            input.pipeInput("replay-" + i, arrival("replay-" + i, uri).setLane(Lane.REPLAY).build());
            driver.advanceWallClockTime(Duration.ofMillis(10));
        }
        run(Duration.ofSeconds(2));
        String live = file("live.bin", "a new file").toUri().toString();
        input.pipeInput("live", arrival("live", live).build());

        run(Duration.ofSeconds(2));

        List<String> uploaded = sandbox.submissions().stream().map(FakeSandbox.Submission::fileName).toList();
        List<String> replayed = uploaded.stream().filter(name -> name.startsWith("replay-")).toList();
        assertThat(replayed).as("first come, first uploaded").isEqualTo(
                IntStream.range(0, replayed.size()).mapToObj(i -> "replay-" + i + ".bin").toList());
        assertThat(uploaded).as("the live file did not wait behind the %d replayed files still queued", 30 - replayed.size())
                .contains("live.bin");
    }

    @Test
    void shouldMoveReplayedWorkAheadWhenALiveEventWaitsForTheSameContent() throws IOException {
        startWith(Map.of("quota.upload.per.second", "1", "submitter.reputation.check", "false"));
        for (int i = 0; i < 20; i++) {
            String uri = file("replay-" + i + ".bin", "replayed file " + i).toUri().toString();
            input.pipeInput("replay-" + i, arrival("replay-" + i, uri).setLane(Lane.REPLAY).build());
        }
        run(Duration.ofSeconds(1));
        // a live copy of the last replayed content arrives: its work (queued behind 18 others) is live work now
        String copy = file("copy-of-19.bin", "replayed file 19").toUri().toString();
        input.pipeInput("live-copy", arrival("live-copy", copy).build());

        run(Duration.ofSeconds(2));

        List<String> uploaded = sandbox.submissions().stream().map(FakeSandbox.Submission::fileName).toList();
        assertThat(uploaded).hasSizeLessThanOrEqualTo(4).contains("replay-19.bin");
    }

    @Test
    void shouldStartAFailedUploadAgainOnlyWhenItsBackoffEnds() throws IOException {
        startWith(Map.of("submitter.reputation.check", "false", "submitter.retry.backoff", "2s"));
        sandbox.failNextUpload(new SandboxHttpException(ErrorKind.SERVER_ERROR, 503, "POST /api/scan/file", "busy"));
        String uri = file("busy.bin", "uploaded while the Sandbox was busy").toUri().toString();
        input.pipeInput("b-1", arrival("b-1", uri).build());

        run(Duration.ofMillis(1500));
        assertThat(sandbox.submissions()).as("still waiting out the backoff (2 s, less 20%% jitter at most)").isEmpty();
        run(Duration.ofSeconds(4));

        assertThat(sandbox.submissions()).hasSize(1);
        assertThat(flows.readValuesToList()).hasSize(1);
    }

    // ---- bulk reputation -------------------------------------------------------------------------------------------

    @Test
    void shouldLookUpContentsThatArriveWithinTheWindowInOneBulkCall() throws IOException {
        startWith(Map.of("submitter.reputation.batch.window", "300ms"));
        for (int i = 0; i < 10; i++) {
            String uri = file("f-" + i + ".bin", "content " + i).toUri().toString();
            input.pipeInput("e-" + i, arrival("e-" + i, uri).build());
            driver.advanceWallClockTime(Duration.ofMillis(20));
        }

        run(Duration.ofSeconds(1));

        assertThat(sandbox.reputationRequests()).singleElement().satisfies(hashes -> assertThat(hashes).hasSize(10));
        assertThat(sandbox.submissions()).hasSize(10);
    }

    @Test
    void shouldSendFullBatchesAtOnceAndThePartialOneWhenItsWindowEnds() throws IOException {
        startWith(Map.of("submitter.reputation.batch.size", "4", "submitter.reputation.batch.window", "5s"));
        for (int i = 0; i < 10; i++) {
            String uri = file("f-" + i + ".bin", "content " + i).toUri().toString();
            input.pipeInput("e-" + i, arrival("e-" + i, uri).build());
        }

        run(Duration.ofMillis(300));
        assertThat(sandbox.reputationRequests()).extracting(List::size).containsExactly(4, 4);
        run(Duration.ofSeconds(5));

        assertThat(sandbox.reputationRequests()).extracting(List::size).containsExactly(4, 4, 2);
        assertThat(sandbox.reputationCalls()).doesNotHaveDuplicates().hasSize(10);
    }

    @Test
    void shouldSplitABatchTheSandboxRefusesAsTooLargeAndLoseNoContent() throws IOException {
        startWith(Map.of("submitter.reputation.batch.size", "8"));
        sandbox.failNextBulkReputation(new SandboxHttpException(ErrorKind.PAYLOAD_TOO_LARGE, 413, "POST /api/reputation/hash", "too large"));
        for (int i = 0; i < 8; i++) {
            String uri = file("f-" + i + ".bin", "content " + i).toUri().toString();
            input.pipeInput("e-" + i, arrival("e-" + i, uri).build());
        }

        run(Duration.ofSeconds(1));

        assertThat(sandbox.reputationRequests()).extracting(List::size).containsExactly(8, 4, 4);
        assertThat(sandbox.submissions()).hasSize(8);
        assertThat(outcomes.readValuesToList()).as("no event failed for the refused batch").isEmpty();
    }

    @Test
    void shouldTakeEachVerdictFromTheAnswerThatNamesItsHashNotFromItsPosition() throws IOException {
        startWith(Map.of("submitter.reputation.batch.window", "1s"));
        String badSha256 = Sha256.ofBytes("known bad".getBytes(StandardCharsets.UTF_8));
        sandbox.knownHash(badSha256, Verdict.MALICIOUS, "flow-of-bad");
        input.pipeInput("bad", arrival("bad", file("bad.bin", "known bad").toUri().toString()).build());
        for (int i = 0; i < 4; i++) {
            String uri = file("f-" + i + ".bin", "content " + i).toUri().toString();
            input.pipeInput("e-" + i, arrival("e-" + i, uri).build());
        }

        run(Duration.ofSeconds(2));

        assertThat(sandbox.reputationRequests()).singleElement().satisfies(hashes -> assertThat(hashes).hasSize(5));
        List<ScanOutcome> decided = outcomes.readValuesToList();
        assertThat(decided).singleElement().satisfies(o -> {
            assertThat(o.getEvent().getEventId()).isEqualTo("bad");
            assertThat(o.getDecidedBy()).isEqualTo(Decider.REPUTATION);
        });
        assertThat(sandbox.submissions()).extracting(FakeSandbox.Submission::fileName)
                .containsExactlyInAnyOrder("f-0.bin", "f-1.bin", "f-2.bin", "f-3.bin");
    }

    @Test
    void shouldScanAContentTheBulkAnswerLeavesOutRatherThanGuessItsVerdict() throws IOException {
        startWith(Map.of("submitter.reputation.batch.window", "1s"));
        String missing = Sha256.ofBytes("left out".getBytes(StandardCharsets.UTF_8));
        sandbox.omitFromBulkAnswers(missing);
        input.pipeInput("gone", arrival("gone", file("gone.bin", "left out").toUri().toString()).build());
        input.pipeInput("other", arrival("other", file("other.bin", "answered").toUri().toString()).build());

        run(Duration.ofSeconds(10));

        assertThat(outcomes.readValuesToList()).as("no verdict without an answer of its own").isEmpty();
        assertThat(sandbox.submissions()).extracting(FakeSandbox.Submission::fileName)
                .containsExactlyInAnyOrder("gone.bin", "other.bin");
    }

    // ---- per-source policies ---------------------------------------------------------------------------------------

    @Test
    void shouldNeverUploadFilesOfAHashOnlySource() throws IOException {
        Files.createDirectories(dir.resolve("hr"));
        startWith(Map.of("policy.hr.prefix", dir.resolve("hr").toUri().toString(), "policy.hr.mode", "hash-only"));
        Path payslip = file("hr/payslip.pdf", "confidential payslip");
        input.pipeInput("hr-1", arrival("hr-1", payslip.toUri().toString()).build());

        run(Duration.ofSeconds(1));

        ScanOutcome outcome = outcomes.readValue();
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.DONE);
        assertThat(outcome.getDecidedBy()).isEqualTo(Decider.REPUTATION);
        assertThat(outcome.getVerdict()).isEqualTo(io.sandboxpipeline.schemas.Verdict.UNKNOWN);
        assertThat(outcome.getReason()).contains("hash-only source");
        assertThat(sandbox.reputationCalls()).hasSize(1);
        assertThat(sandbox.submissions()).isEmpty();
    }

    @Test
    void shouldUploadTheCopyFromASourceThatAllowsItWhenAHashOnlySourceHasTheSameContent() throws IOException {
        Files.createDirectories(dir.resolve("hr"));
        startWith(Map.of("policy.hr.prefix", dir.resolve("hr").toUri().toString(), "policy.hr.mode", "hash-only"));
        Path secret = file("hr/contract.docx", "the same contract");
        Path shared = file("shared-contract.docx", "the same contract");
        input.pipeInput("hr-2", arrival("hr-2", secret.toUri().toString()).build());
        input.pipeInput("shared-2", arrival("shared-2", shared.toUri().toString()).build());

        run(Duration.ofSeconds(1));

        assertThat(sandbox.submissions()).singleElement().satisfies(s -> assertThat(s.fileName()).isEqualTo("shared-contract.docx"));
        assertThat(outcomes.readValue().getEvent().getEventId()).isEqualTo("hr-2");
        scanFinished(flows.readValue(), io.sandboxpipeline.schemas.Verdict.NO_THREAT, 0.1);
        assertThat(outcomes.readValue().getEvent().getEventId()).isEqualTo("shared-2");
    }

    @Test
    void shouldLetReportsBePublicOnlyWhereTheSourcePolicySaysSo() throws IOException {
        Files.createDirectories(dir.resolve("public"));
        startWith(Map.of("policy.web.prefix", dir.resolve("public").toUri().toString(), "policy.web.public.report", "true"));
        input.pipeInput("p", arrival("p", file("public/brochure.pdf", "marketing brochure").toUri().toString()).build());
        input.pipeInput("q", arrival("q", file("internal.pdf", "internal memo").toUri().toString()).build());

        run(Duration.ofSeconds(1));

        Map<String, FakeSandbox.Submission> byName = new HashMap<>();
        sandbox.submissions().forEach(s -> byName.put(s.fileName(), s));
        assertThat(byName.get("brochure.pdf").options().isPrivateReport()).isFalse();
        assertThat(byName.get("brochure.pdf").options().isPrivate()).isTrue();
        assertThat(byName.get("internal.pdf").options().isPrivateReport()).isTrue();
    }

    @Test
    void shouldSubmitSourcesOfAUrlPolicyByUrlWithoutStreamingThem() {
        startWith(Map.of("policy.cdn.prefix", "https://downloads.example.com/", "policy.cdn.mode", "url"));
        input.pipeInput("u1", arrival("u1", "https://downloads.example.com/tool.zip").setSha256("d".repeat(64)).setSize(2048L).build());

        run(Duration.ofSeconds(1));

        assertThat(sandbox.submissions()).singleElement().satisfies(s -> {
            assertThat(s.fileName()).isEqualTo("https://downloads.example.com/tool.zip");
            assertThat(s.content()).isEmpty();
            assertThat(s.options().isPrivate()).isTrue();
        });
        assertThat(flows.readValue().getRequest().getEvent().getEventId()).isEqualTo("u1");
    }

    // ---- uploads whose answer was lost -------------------------------------------------------------------------

    @Test
    void shouldAdoptTheFlowOfAnUploadWhoseAnswerWasLostInsteadOfUploadingAgain() throws IOException {
        startWith(Map.of("submitter.find.lost.uploads", "true"));
        sandbox.clock(() -> TestTopics.START.toEpochMilli());
        sandbox.loseNextUploadAnswer(new SandboxTransportException(ErrorKind.TIMEOUT,
                "POST /api/scan/file", "read timed out", null));
        Path file = file("slow.bin", "accepted but the answer was lost");
        input.pipeInput("lost-1", arrival("lost-1", file.toUri().toString()).build());

        run(Duration.ofSeconds(3));

        assertThat(sandbox.submissions()).as("uploaded once only").hasSize(1);
        assertThat(sandbox.searches()).hasSize(1);
        assertThat(flows.readValue().getFlowId()).isEqualTo(sandbox.submissions().get(0).flowId());
    }

    @Test
    void shouldUploadAgainWhenTheSearchFindsNoFlow() throws IOException {
        startWith(Map.of("submitter.find.lost.uploads", "true"));
        sandbox.clock(() -> TestTopics.START.toEpochMilli());
        sandbox.failNextUpload(new SandboxTransportException(ErrorKind.TIMEOUT,
                "POST /api/scan/file", "read timed out", null));
        Path file = file("never-arrived.bin", "the upload never reached the Sandbox");
        input.pipeInput("lost-2", arrival("lost-2", file.toUri().toString()).build());

        run(Duration.ofSeconds(3));

        String sha256 = Sha256.ofBytes("the upload never reached the Sandbox".getBytes(StandardCharsets.UTF_8));
        assertThat(sandbox.searches()).as("the lost upload's marker, the hash, the hash in base64").hasSize(3)
                .endsWith(sha256, Base64.getEncoder().encodeToString(sha256.getBytes(StandardCharsets.US_ASCII)));
        assertThat(sandbox.searches().get(0)).startsWith("sp-");
        assertThat(sandbox.submissions()).hasSize(1);
        assertThat(flows.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldUploadAgainWithoutSearchingWhenFindingLostUploadsIsOff() throws IOException {
        startWith(Map.of("submitter.find.lost.uploads", "false"));
        sandbox.loseNextUploadAnswer(timeout());
        Path file = file("default.bin", "default behaviour");
        input.pipeInput("lost-3", arrival("lost-3", file.toUri().toString()).build());

        run(Duration.ofSeconds(3));

        assertThat(sandbox.searches()).isEmpty();
        assertThat(sandbox.submissions()).hasSize(2);
    }

    @Test
    void shouldRecordAnUploadAsSentBeforeSendingIt() throws IOException {
        sandbox.clock(() -> TestTopics.START.toEpochMilli());
        Path file = file("marked.bin", "marked before it is sent");
        String sha256 = Sha256.ofBytes("marked before it is sent".getBytes(StandardCharsets.UTF_8));
        input.pipeInput("m-1", arrival("m-1", file.toUri().toString()).build());
        run(Duration.ofMillis(200)); // hashed, looked up: the upload is next

        HashWork marked = work().get(sha256);
        assertThat(marked.getUploadSentAt()).as("the mark a crash would leave behind").isNotNull();
        assertThat(sandbox.submissions()).as("nothing sent in the turn that wrote the mark").isEmpty();

        run(Duration.ofMillis(200));

        assertThat(sandbox.submissions()).hasSize(1);
        assertThat(sandbox.searches()).as("an upload of our own, nothing in doubt").isEmpty();
        assertThat(work().get(sha256).getUploadSentAt()).as("cleared with the flow id").isNull();
    }

    @Test
    void shouldAdoptTheFlowOfAnUploadACrashInterruptedInsteadOfUploadingAgain() throws IOException {
        sandbox.clock(() -> TestTopics.START.toEpochMilli());
        Path file = file("interrupted.bin", "sent just before the crash");
        String sha256 = Sha256.ofBytes("sent just before the crash".getBytes(StandardCharsets.UTF_8));
        // the dead instance's upload reached the Sandbox, its answer died with the process
        String flowOfTheDead = sandbox.submitFile(FileUpload.ofPath(file),
                ScanOptions.defaults()).join().flowId();
        ScanRequest request = request("crash-1", file, sha256);
        // what the restarted instance restores from the changelog: the upload marked as sent, no flow id
        work().put(sha256, HashWork.newBuilder().setSha256(sha256).setPhase(WorkPhase.UPLOAD).setRepresentative(request)
                .setWaiting(List.of(request)).setCreatedAt(TestTopics.START.minusSeconds(5))
                .setUploadSentAt(TestTopics.START.minusSeconds(1)).build());
        // as a version before the call queues wrote it: the call's name only, no queue entry
        pendingCalls().put(sha256, WorkPhase.UPLOAD.name());

        run(Duration.ofSeconds(1));

        assertThat(sandbox.searches()).containsExactly(sha256);
        assertThat(sandbox.submissions()).as("no second upload").hasSize(1);
        assertThat(flows.readValue().getFlowId()).isEqualTo(flowOfTheDead);
    }

    @Test
    void shouldSearchAgainRatherThanUploadWhenTheSearchFailsForAPassingReason() throws IOException {
        sandbox.clock(() -> TestTopics.START.toEpochMilli());
        sandbox.loseNextUploadAnswer(timeout());
        sandbox.failNextSearch(new SandboxHttpException(ErrorKind.SERVER_ERROR, 503, "GET /api/reports/search", "Service Unavailable"));
        Path file = file("busy.bin", "the search was busy");
        input.pipeInput("busy-1", arrival("busy-1", file.toUri().toString()).build());

        run(Duration.ofSeconds(3));

        assertThat(sandbox.searches()).hasSize(2);
        assertThat(sandbox.submissions()).as("uploaded once only").hasSize(1);
        assertThat(flows.readValue().getFlowId()).isEqualTo(sandbox.submissions().get(0).flowId());
    }

    @Test
    void shouldUploadAgainWhenTheSandboxRefusesTheSearch() throws IOException {
        sandbox.clock(() -> TestTopics.START.toEpochMilli());
        sandbox.failNextUpload(timeout());
        sandbox.failNextSearch(new SandboxHttpException(ErrorKind.BAD_REQUEST, 422, "GET /api/reports/search", "unprocessable"));
        Path file = file("refused.bin", "no search on this instance");
        input.pipeInput("refused-1", arrival("refused-1", file.toUri().toString()).build());

        run(Duration.ofSeconds(3));

        assertThat(sandbox.searches()).as("the refused search, then the hash and its base64 form").hasSize(3);
        assertThat(sandbox.submissions()).hasSize(1);
        assertThat(flows.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldNeverAdoptTheFailedFlowOfAnEarlierAttempt() throws IOException {
        sandbox.clock(() -> TestTopics.START.toEpochMilli());
        Path file = file("retried.bin", "failed once already");
        String sha256 = Sha256.ofBytes("failed once already".getBytes(StandardCharsets.UTF_8));
        String failedFlow = sandbox.submitFile(FileUpload.ofPath(file),
                ScanOptions.defaults()).join().flowId();
        sandbox.failNextUpload(timeout()); // never reached the Sandbox: the search finds only the failed flow
        ScanRequest retry = ScanRequest.newBuilder(request("retry-1", file, sha256)).setAttempt(2)
                .setPreviousFlowIds(List.of(failedFlow)).setLastFailureReason("overallState failed").build();
        requestsIn.pipeInput(sha256, retry);

        run(Duration.ofSeconds(3));

        assertThat(sandbox.searches()).as("the marker, then the hash (which finds the failed flow)").hasSize(2);
        assertThat(sandbox.submissions()).hasSize(2);
        assertThat(flows.readValue().getFlowId()).isNotEqualTo(failedFlow).isEqualTo(sandbox.submissions().get(1).flowId());
    }

    @Test
    void shouldFailOnlyTheEventWhoseUploadIsForbidden() throws IOException {
        // the first upload sent is refused (an option this account may not use); the stage goes on with the other
        sandbox.failNextUpload(new SandboxHttpException(ErrorKind.FORBIDDEN, 403, "POST /api/scan/file", "scan_engine not allowed"));
        input.pipeInput("upload-1", arrival("upload-1", file("a.bin", "one upload").toUri().toString()).build());
        input.pipeInput("upload-2", arrival("upload-2", file("b.bin", "another upload").toUri().toString()).build());

        run(Duration.ofSeconds(2));

        assertThat(outcomes.readValuesToList()).singleElement().satisfies(failed -> {
            assertThat(failed.getStatus()).isEqualTo(OutcomeStatus.FAILED);
            assertThat(failed.getReason()).contains("403").contains("scan_engine not allowed");
        });
        assertThat(flows.readValuesToList()).as("the other upload went ahead").hasSize(1);
    }

    @Test
    void shouldSearchAgainUntilThePatienceRunsOutBeforeUploadingAgain() throws IOException {
        startWith(Map.of("submitter.lost.upload.patience", "5s"));
        sandbox.clock(() -> TestTopics.START.toEpochMilli());
        sandbox.failNextUpload(timeout()); // never reached the Sandbox: no search can find it
        Path file = file("patient.bin", "searched for a while");
        input.pipeInput("patient-1", arrival("patient-1", file.toUri().toString()).build());

        run(Duration.ofSeconds(3));

        assertThat(sandbox.submissions()).as("still looking for the lost upload's flow").isEmpty();
        assertThat(sandbox.searches()).as("the marker, the hash, the hash in base64").hasSizeGreaterThanOrEqualTo(3);

        run(Duration.ofSeconds(8));

        assertThat(sandbox.submissions()).as("uploaded again once the patience ran out").hasSize(1);
        assertThat(flows.readValue().getFlowId()).isEqualTo(sandbox.submissions().get(0).flowId());
    }

    @Test
    void shouldKeepTheFilesOwnVerdictWhenTheSearchAnswersOnlyStrangersReports() throws IOException {
        sandbox.clock(() -> TestTopics.START.toEpochMilli());
        sandbox.searchAnswersStrangers(10);
        sandbox.failNextUpload(timeout()); // never reached the Sandbox: only strangers' reports can be found
        Path file = file("mine.bin", "my own clean file");
        input.pipeInput("own-1", arrival("own-1", file.toUri().toString()).build());

        run(Duration.ofSeconds(3));

        assertThat(sandbox.searches()).isNotEmpty();
        assertThat(sandbox.submissions()).as("uploaded again, no stranger adopted").hasSize(1);
        assertThat(flows.readValue().getFlowId()).isEqualTo(sandbox.submissions().get(0).flowId()).doesNotStartWith("5tranger");
    }

    @Test
    void shouldMarkEveryUploadWithARandomTagAndDescription() throws IOException {
        Path file = file("tagged.bin", "a marked upload");
        input.pipeInput("tag-1", arrival("tag-1", file.toUri().toString()).build());
        input.pipeInput("tag-2", arrival("tag-2", file("other.bin", "another marked upload").toUri().toString()).build());

        run(Duration.ofSeconds(1));

        assertThat(sandbox.submissions()).hasSize(2).allSatisfy(s -> {
            String token = s.options().tags().get(s.options().tags().size() - 1);
            assertThat(token).matches("sp-[a-z2-7]{26}");
            assertThat(s.options().description()).hasValueSatisfying(d -> assertThat(d).contains(token));
        });
        assertThat(sandbox.submissions().get(0).options().tags()).doesNotContainAnyElementsOf(sandbox.submissions().get(1).options().tags());
    }

    private static SandboxTransportException timeout() {
        return new SandboxTransportException(ErrorKind.TIMEOUT, "POST /api/scan/file", "read timed out", null);
    }

    private static ScanRequest request(String eventId, Path file, String sha256) throws IOException {
        return ScanRequest.newBuilder().setEvent(arrival(eventId, file.toUri().toString()).build()).setSha256(sha256)
                .setSize(Files.size(file)).setAttempt(1).setPreviousFlowIds(List.of()).setHashedAt(TestTopics.START)
                .setFirstSubmittedAt(null).build();
    }

    private KeyValueStore<String, HashWork> work() {
        return driver.getKeyValueStore(SubmitterNames.HASH_WORK_STORE);
    }

    private KeyValueStore<String, String> pendingCalls() {
        return driver.getKeyValueStore(SubmitterNames.PENDING_CALLS_STORE);
    }
}
