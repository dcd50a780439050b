package io.sandboxpipeline.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code run all} with {@code watch.dirs}: files dropped into the folder get their verdicts, one each. */
class RunWatchedFolderTest {

    private static final String KEY = "watch-key";

    @TempDir
    Path dir;

    @Test
    void shouldGiveEveryFileDroppedIntoAWatchedFolderOneVerdict() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Path watched = Files.createDirectories(dir.resolve("drop"));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey(KEY).scanDuration(Duration.ofMillis(500)).pollPause(2).build())) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "SANDBOX_URL", emulator.baseUrl().toString(),
                    "SANDBOX_API_KEY", KEY,
                    "SCHEMA_REGISTRY_URL", "mock://watch-" + id,
                    "TOPIC_PREFIX", "watch-" + id + ".",
                    "STATE_DIR", dir.resolve("state").toString(),
                    "SP_KAFKA_APPLICATION_ID_PREFIX", "watch-" + id + "-",
                    "SP_KAFKA_PARTITIONS", "2",
                    "SP_OPS_ENABLED", "false",
                    "SP_WATCH_DIRS", watched.toString()));
            env.put("SP_WATCH_QUIET_PERIOD", "500ms");
            RunCommand run = new RunCommand(env);
            Future<Integer> exit = executor.submit(() -> new CommandLine(run).execute("all"));
            PipelineTopics topics = new PipelineTopics(TopicNames.withPrefix("watch-" + id + "."), Map.of("schema.registry.url", "mock://watch-" + id));

            Files.writeString(watched.resolve("memo.txt"), "an ordinary memo", StandardCharsets.UTF_8);
            Files.createDirectories(watched.resolve("sub"));
            Files.writeString(watched.resolve("sub/notes.txt"), "meeting notes", StandardCharsets.UTF_8);
            Files.writeString(watched.resolve("upload.part"), "still uploading", StandardCharsets.UTF_8);
            List<EnrichedVerdict> verdicts = awaitVerdicts(kafka.bootstrapServers(), topics, 2, Duration.ofSeconds(90));

            assertThat(verdicts).extracting(v -> v.getUri().substring(v.getUri().lastIndexOf('/') + 1))
                    .containsExactlyInAnyOrder("memo.txt", "notes.txt");
            assertThat(verdicts).allSatisfy(v -> assertThat(v.getStatus()).as(v.getReason()).hasToString("DONE"));

            run.stop();
            assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        } finally {
            executor.shutdownNow();
        }
    }

    /** Every verdict on the topic, read until {@code expected} arrived and a little longer (to see any duplicate). */
    private static List<EnrichedVerdict> awaitVerdicts(String bootstrap, PipelineTopics topics, int expected, Duration timeout) {
        String topic = topics.verdicts().name();
        List<EnrichedVerdict> verdicts = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Instant deadline = Instant.now().plus(timeout);
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant settle = null;
            while (Instant.now().isBefore(deadline) && (settle == null || Instant.now().isBefore(settle))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    verdicts.add(topics.verdicts().valueSerde().deserializer().deserialize(topic, record.value()));
                }
                if (settle == null && verdicts.size() >= expected) {
                    settle = Instant.now().plusSeconds(2);
                }
            }
        }
        return verdicts;
    }
}
