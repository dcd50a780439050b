package io.sandboxpipeline.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.core.streams.TopicProvisioner;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafkaOptions;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.serde.SchemaRegistries;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker is stopped in the middle of a run and started again on the same ports and data: the three stages
 * (in-process, exactly-once) ride it out, and every event still ends in exactly one terminal record.
 */
class BrokerRestartTest {

    private static final String KEY = "broker-restart-key";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void shouldEndEveryEventInExactlyOneTerminalRecordWhenTheBrokerRestartsMidRun() throws Exception {
        List<ChaosEvent> before = ChaosWorkload.write(dir.resolve("before"), "before", 60, 30, new Random(7));
        List<ChaosEvent> after = ChaosWorkload.write(dir.resolve("after"), "after", 20, 20, new Random(8));
        List<String> beforeIds = before.stream().map(ChaosEvent::eventId).toList();
        List<String> allIds = new ArrayList<>(beforeIds);
        after.forEach(e -> allIds.add(e.eventId()));
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String scope = "broker-restart-" + runId;
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaOptions.defaults().withDataDir(dir.resolve("kafka")));
        try (SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey(KEY)
                .scanDuration(Duration.ofSeconds(1)).pollPause(2).build())) {
            ChaosConfig config = new ChaosConfig(runId, kafka.bootstrapServers(), "mock://" + scope,
                    emulator.baseUrl(), KEY, dir.resolve("state"));
            PipelineTopics topics = new PipelineTopics(config.topics(), Map.of("schema.registry.url", "mock://" + scope));
            TopicProvisioner.createMissing(kafka.admin(), config.topics(), 2, (short) 1);
            try (InProcessPipeline pipeline = InProcessPipeline.start(config);
                 ArrivalPublisher publisher = new ArrivalPublisher(kafka.bootstrapServers(), topics, Clock.systemUTC());
                 TerminalTally tally = new TerminalTally(kafka.bootstrapServers(), topics)) {
                before.forEach(publisher::publish);
                publisher.flush();
                // the first verdicts are out: from here on every stage has work in flight
                awaitAnswered(tally, beforeIds, 1);
                String bootstrap = kafka.bootstrapServers();
                long answeredAtStop = tally.answered(beforeIds);

                // when: the broker goes away with work in every stage, and comes back on the same address and data
                EmbeddedKafkaOptions sameBroker = kafka.restartOptions();
                kafka.close();
                kafka = EmbeddedKafka.start(sameBroker);
                after.forEach(publisher::publish);
                publisher.flush();
                awaitAnswered(tally, allIds, allIds.size());
                tally.poll(Duration.ofSeconds(2));

                // then
                System.out.printf("broker restart: %d of %d events answered when the broker stopped; %d terminal"
                                + " records for %d events; %d submissions for %d contents%n", answeredAtStop,
                        beforeIds.size(), tally.records(), allIds.size(), emulator.stats().submissions(),
                        ChaosWorkload.hashes(before).size() + ChaosWorkload.hashes(after).size());
                assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
                // the upload marks are committed with the work: a broker restart uploads no content twice
                assertThat(emulator.stats().submissions()).as("uploads (one per content)")
                        .isEqualTo(ChaosWorkload.hashes(before).size() + ChaosWorkload.hashes(after).size());
                assertThat(answeredAtStop).as("events already answered when the broker stopped")
                        .isLessThan(beforeIds.size());
                assertThat(tally.missing(allIds)).as("events without a terminal record").isEmpty();
                assertThat(tally.duplicated()).as("events with more than one terminal record").isEmpty();
                assertThat(tally.unexpected(allIds)).as("terminal records of events never published").isEmpty();
                for (String id : allIds) {
                    EnrichedVerdict verdict = tally.verdict(id);
                    assertThat(verdict.getStatus()).as("%s: %s", id, verdict.getReason()).hasToString("DONE");
                }
                assertThat(pipeline.states()).as("every stage still running")
                        .containsOnly(Map.entry("submitter", KafkaStreams.State.RUNNING),
                                Map.entry("poller", KafkaStreams.State.RUNNING),
                                Map.entry("enricher", KafkaStreams.State.RUNNING));
            }
        } finally {
            kafka.close();
            SchemaRegistries.dropScope(scope);
        }
    }

    private static void awaitAnswered(TerminalTally tally, List<String> eventIds, long count) {
        Await.until(count + " answered events", TIMEOUT, () -> {
            tally.poll(Duration.ofMillis(200));
            return tally.answered(eventIds) >= count;
        }, () -> tally.answered(eventIds) + " of " + eventIds.size() + " answered, " + tally.records()
                + " terminal records");
    }
}
