package io.sandboxpipeline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.sandboxpipeline.app.demo.DemoSamples;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.Faults;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.runtime.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A whole run, with the Sandbox failing now and then so that error paths run too: the API key appears in no log line
 * (messages, arguments and stack traces, our code at DEBUG), and in no record on any topic, changelogs included.
 */
class SecretsNeverLeakTest {

    private static final String KEY = "sk-LEAKCHECK-7f3a9c2e";

    @TempDir
    Path dir;

    @Test
    void shouldNeverWriteTheApiKeyToLogsOrTopics() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("io.sandboxpipeline");
        Level oursBefore = ours.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        ours.setLevel(Level.DEBUG);
        List<DemoSamples.Sample> samples = DemoSamples.writeTo(dir.resolve("samples"));
        Map<String, Path> events = new LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            events.put("leak-" + i, samples.get(i).path());
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey(KEY).scanDuration(Duration.ofSeconds(1))
                     .pollPause(2).maxUploadSizeBytes(DemoSamples.DEMO_MAX_UPLOAD_BYTES).failAttempts(1).build());
             PipelineHarness pipeline = new PipelineHarness(kafka.bootstrapServers(), emulator.baseUrl().toString(), KEY, dir.resolve("state"))) {
            emulator.setFaults(Faults.builder().serverErrorRate(0.2).malformedJsonRate(0.1).build());
            pipeline.start(Stage.values());
            pipeline.publish(events);
            pipeline.publishRaw("leak-garbage", "not avro".getBytes(StandardCharsets.UTF_8));

            PipelineHarness.Terminals terminals = pipeline.awaitTerminals(Set.copyOf(events.keySet()), Duration.ofSeconds(120));
            assertThat(terminals.ids()).containsAll(events.keySet());

            List<String> leaks = new ArrayList<>();
            for (ILoggingEvent event : logs.list) {
                String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
                if (text.contains(KEY)) {
                    leaks.add(event.getLoggerName() + ": " + text);
                }
            }
            assertThat(logs.list).hasSizeGreaterThan(50);
            assertThat(leaks).as("log lines carrying the API key").isEmpty();
            assertThat(recordsContaining(kafka, KEY)).as("records carrying the API key").isEmpty();
        } finally {
            root.detachAppender(logs);
            ours.setLevel(oursBefore);
        }
    }

    /** Every record of every topic (inputs, outputs, changelogs) whose key or value contains the text. */
    private static List<String> recordsContaining(EmbeddedKafka kafka, String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        Set<String> topics = kafka.admin().listTopics(new ListTopicsOptions().listInternal(false)).names().get();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (contains(record.key(), needle) || contains(record.value(), needle)) {
                        found.add(record.topic() + "@" + record.offset());
                    }
                }
            }
            assertThat(partitions).allSatisfy(p -> assertThat(consumer.position(p)).isEqualTo(end.get(p)));
        }
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return false;
        }
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
