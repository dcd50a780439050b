package io.sandboxpipeline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.app.demo.DemoSamples;
import io.sandboxpipeline.core.source.Sha256;
import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.Endpoint;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.runtime.Stage;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three stages on a real (in-JVM, loopback-only) Kafka broker, talking to the Sandbox emulator over HTTP. */
class PipelineEndToEndTest {

    private static final String KEY = "e2e-key";
    private static EmbeddedKafka kafka;
    private static SandboxEmulator emulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void startInfrastructure() {
        kafka = EmbeddedKafka.start();
        emulator = SandboxEmulator.start(EmulatorConfig.builder()
                .apiKey(KEY)
                .scanDuration(Duration.ofMillis(1500))
                .pollPause(2)
                .maxUploadSizeBytes(DemoSamples.DEMO_MAX_UPLOAD_BYTES)
                .failAttempts(1)
                .build());
    }

    @AfterAll
    static void stopInfrastructure() {
        if (emulator != null) {
            emulator.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldGiveEveryEventExactlyOneTerminalRecordWithTheExpectedOutcome() throws IOException {
        List<DemoSamples.Sample> samples = DemoSamples.writeTo(dir.resolve("samples"));
        Map<String, Path> events = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            events.put("sample-" + i, samples.get(i).path());
            expected.put("sample-" + i, samples.get(i).expected());
        }
        try (PipelineHarness pipeline = new PipelineHarness(kafka.bootstrapServers(), emulator.baseUrl().toString(), KEY, dir.resolve("state"))) {
            pipeline.start(Stage.values());
            pipeline.publish(events);
            pipeline.publishRaw("garbage-1", new byte[] {0, 0, 0, 0, 99, 1, 2, 3});

            Set<String> awaited = new HashSet<>(events.keySet());
            awaited.add("garbage-1");
            PipelineHarness.Terminals terminals = pipeline.awaitTerminals(awaited, Duration.ofSeconds(90));

            for (String eventId : events.keySet()) {
                assertThat(terminals.count(eventId)).as("terminal records of %s", eventId).isEqualTo(1);
                EnrichedVerdict v = terminals.verdict(eventId);
                assertThat(v.getStatus() + " " + v.getVerdict() + " by " + v.getDecidedBy())
                        .as("outcome of %s (%s)", events.get(eventId).getFileName(), v.getReason())
                        .isEqualTo(expected.get(eventId));
            }
            assertThat(terminals.count("garbage-1")).isEqualTo(1);
            assertThat(terminals.deadLetters.get("garbage-1").get(0).getErrorType()).isEqualTo("UNDESERIALIZABLE");

            EnrichedVerdict byScan = terminals.verdict("sample-2");
            assertThat(byScan.getSha256()).hasSize(64);
            assertThat(byScan.getFlowId()).matches("[0-9a-f]{24}");
            assertThat(byScan.getTags()).isNotEmpty();
            assertThat(byScan.getIocs()).extracting(i -> i.getValue()).contains("malware-drop.example.net");
            EnrichedVerdict archive = terminals.verdict("sample-6");
            assertThat(archive.getArchiveVerdict()).hasToString("SUSPICIOUS");
            assertThat(archive.getMembers()).hasSize(2);
            assertThat(terminals.verdict("sample-7").getAttempts()).isEqualTo(2);

            // what a consumer without codec plugins (kafkajs 2.x: gzip only) must decode, as the broker stored it
            TopicNames names = pipeline.topics().names();
            for (String output : names.outputs()) {
                assertThat(kafka.storedCodecs(output)).as("codecs stored for %s", output).isSubsetOf("none", "gzip");
            }
            assertThat(kafka.storedCodecs(names.verdicts())).contains("gzip");
            // the check can tell: the topics only the pipeline reads keep the fast codec
            assertThat(kafka.storedCodecs(names.scanFlows())).contains("lz4");
        }
    }

    @Test
    void shouldLoseNothingWhenThePollerIsRestartedMidFlight() throws Exception {
        Map<String, Path> events = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            Path file = Files.writeString(dir.resolve("doc-" + i + ".txt"), "restart test document " + i + " " + Instant.now(), StandardCharsets.UTF_8);
            events.put("restart-" + i, file);
        }
        long submissionsBefore = emulator.stats().submissions();
        try (PipelineHarness pipeline = new PipelineHarness(kafka.bootstrapServers(), emulator.baseUrl().toString(), KEY, dir.resolve("state"))) {
            pipeline.start(Stage.values());
            pipeline.publish(events);
            awaitUntil(() -> emulator.stats().submissions() - submissionsBefore >= 6, Duration.ofSeconds(30));

            // flows are in flight: the poller goes away and comes back with its state restored from the changelog
            pipeline.stop(Stage.POLLER);
            Thread.sleep(1000);
            pipeline.start(Stage.POLLER);

            PipelineHarness.Terminals terminals = pipeline.awaitTerminals(events.keySet(), Duration.ofSeconds(90));
            for (String eventId : events.keySet()) {
                assertThat(terminals.count(eventId)).as("terminal records of %s", eventId).isEqualTo(1);
                assertThat(terminals.verdict(eventId).getVerdict()).hasToString("NO_THREAT");
            }
            assertThat(emulator.stats().submissions() - submissionsBefore).isEqualTo(events.size());
            assertThat(pipeline.runner(Stage.POLLER).state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private static void awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void shouldLookUpAndSubmitEachContentOnceAcrossTwoSubmitterInstances() throws Exception {
        int contents = 20;
        int copies = 3;
        Map<String, Path> events = new LinkedHashMap<>();
        List<String> hashes = new ArrayList<>();
        for (int c = 0; c < contents; c++) {
            String content = "shared attachment " + c + " " + Instant.now();
            hashes.add(Sha256.ofBytes(content.getBytes(StandardCharsets.UTF_8)));
            for (int k = 0; k < copies; k++) {
                // copies interleave: every content appears once before any appears twice
                events.put("copy-" + k + "-of-" + c, Files.writeString(dir.resolve("c" + c + "-" + k + ".txt"), content, StandardCharsets.UTF_8));
            }
        }
        long lookupsBefore = emulator.stats().requests(Endpoint.REPUTATION_HASH);
        try (PipelineHarness pipeline = new PipelineHarness(kafka.bootstrapServers(), emulator.baseUrl().toString(), KEY, dir.resolve("state"))) {
            pipeline.start(Stage.values());
            pipeline.startAnotherInstance(Stage.SUBMITTER, dir.resolve("state-2"));
            Map<String, Path> interleaved = new LinkedHashMap<>();
            for (int k = 0; k < copies; k++) {
                for (int c = 0; c < contents; c++) {
                    interleaved.put("copy-" + k + "-of-" + c, events.get("copy-" + k + "-of-" + c));
                }
            }
            pipeline.publish(interleaved);

            PipelineHarness.Terminals terminals = pipeline.awaitTerminals(events.keySet(), Duration.ofSeconds(90));

            for (String eventId : events.keySet()) {
                assertThat(terminals.count(eventId)).as("terminal records of %s", eventId).isEqualTo(1);
                assertThat(terminals.verdict(eventId).getVerdict()).hasToString("NO_THREAT");
            }
            for (String sha256 : hashes) {
                assertThat(emulator.stats().submissionsOfHash(sha256)).as("submissions of %s", sha256).isEqualTo(1);
            }
            assertThat(emulator.stats().requests(Endpoint.REPUTATION_HASH) - lookupsBefore)
                    .isLessThanOrEqualTo(contents);
        }
    }
}
