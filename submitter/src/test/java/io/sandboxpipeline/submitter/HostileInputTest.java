package io.sandboxpipeline.submitter;

import static io.sandboxpipeline.core.testing.TestTopics.arrival;
import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.metrics.PipelineMetrics;
import io.sandboxpipeline.core.quota.QuotaLimiter;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.core.source.HttpSourcePolicy;
import io.sandboxpipeline.core.streams.DeadLetterBreaker;
import io.sandboxpipeline.core.testing.FakeSandbox;
import io.sandboxpipeline.core.testing.TestTopics;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.submitter.ingest.IngestCounts;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand malformed or hostile input records: each one gets exactly one terminal record (a dead letter or a
 * skipped/failed outcome) whose reason says what was wrong, and the stage keeps going.
 */
class HostileInputTest {

    private static final int RECORDS = 10_000;

    @TempDir
    Path dir;

    private final FakeSandbox sandbox = new FakeSandbox();
    private final PipelineTopics topics = TestTopics.create();
    private final DeadLetterBreaker breaker =
            new DeadLetterBreaker(200, 100, 0.5, Duration.ofMinutes(1));
    private final List<Duration> pauses = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private TestOutputTopic<String, ScanOutcome> outcomes;
    private TestOutputTopic<String, DeadLetter> deadLetters;
    private TestOutputTopic<String, ScanRequest> requests;

    @BeforeEach
    void start() {
        ConfigValues values = ConfigValues.of(Map.of("kafka.bootstrap.servers", "unused:9092", "sandbox.url", "http://127.0.0.1:1",
                "sandbox.api.key", "test-key", "schema.registry.url", "mock://unused"));
        SubmitterConfig config = SubmitterConfig.from(values);
        SubmitterTopology.Wiring wiring = new SubmitterTopology.Wiring(sandbox,
                new FileSources(List.of(dir), HttpSourcePolicy.publicOnly(), Duration.ofSeconds(1)), Runnable::run, new Random(1),
                new QuotaLimiter(config.pipeline().quota()), breaker,
                new IngestCounts(), PipelineMetrics.noop());
        breaker.onTrip(pauses::add);
        driver = new TopologyTestDriver(SubmitterTopology.build(topics, config, wiring), TestTopics.driverProperties(), TestTopics.START);
        input = driver.createInputTopic(topics.fileArrivalsRaw().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        outcomes = driver.createOutputTopic(topics.outcomes().name(), Serdes.String().deserializer(), topics.scanOutcomeSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters().name(), Serdes.String().deserializer(), topics.deadLetters().valueSerde().deserializer());
        requests = driver.createOutputTopic(topics.scanRequests().name(), Serdes.String().deserializer(), topics.scanRequestSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private byte[] avro(FileArrival arrival) {
        return topics.fileArrivalSerde().serializer().serialize(topics.fileArrivals().name(), arrival);
    }

    @Test
    void shouldGiveEveryHostileRecordOneTerminalRecordWithAPreciseReason() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.bin"));
        Files.createDirectories(dir.resolve("inside"));
        Path outside = Files.writeString(Files.createTempDirectory("outside").resolve("secret.txt"), "not yours");
        Path escape = Files.createSymbolicLink(dir.resolve("inside/innocent.txt"), outside);
        byte[] valid = avro(arrival("template", empty.toUri().toString()).build());
        Random random = new Random(42);
        List<Function<Integer, byte[]>> kinds = List.of(
                i -> bytes(random, random.nextInt(200)),                                     // random bytes
                i -> Arrays.copyOf(valid, 5 + random.nextInt(valid.length - 6)),             // truncated Avro
                i -> { byte[] b = valid.clone(); b[0] = (byte) (1 + random.nextInt(255)); return b; }, // wrong magic byte
                i -> { byte[] b = valid.clone(); ByteBuffer.wrap(b, 1, 4).putInt(100_000 + i); return b; }, // unknown schema id
                i -> avro(arrival("bad-uri-" + i, List.of("", "no scheme", "::::", "http://").get(i % 4)).build()),
                i -> avro(arrival("bad-sha-" + i, "file:///x").setSha256("zz" + i).build()),
                i -> avro(arrival("missing-" + i, dir.resolve("inside/gone-" + i + ".pdf").toUri().toString()).build()),
                i -> avro(arrival("escape-" + i, i % 2 == 0 ? escape.toUri().toString() : outside.toUri().toString()).build()),
                i -> avro(arrival("ssrf-" + i, "http://169.254.169.254/latest/meta-data/iam/" + i).build()),
                i -> avro(arrival("unsupported-" + i, "gopher://files.example/" + i).build()),
                i -> avro(arrival("empty-" + i, empty.toUri().toString()).build()),
                i -> avro(arrival("huge-" + i, "file:///x").setAttributes(Map.of("padding", "x".repeat(1_100_000))).build()),
                i -> avro(arrival("", "file:///x").build()));                               // blank event id

        for (int i = 0; i < RECORDS; i++) {
            input.pipeInput("key-" + i, kinds.get(i % kinds.size()).apply(i));
        }
        TestTopics.advance(driver, Duration.ofSeconds(2), Duration.ofMillis(100));

        List<DeadLetter> letters = deadLetters.readValuesToList();
        List<ScanOutcome> ended = outcomes.readValuesToList();
        assertThat(letters.size() + ended.size()).isEqualTo(RECORDS);
        assertThat(requests.isEmpty()).as("nothing hostile reaches the Sandbox").isTrue();
        assertThat(sandbox.submissions()).isEmpty();
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.getReason()).isNotBlank();
            assertThat(letter.getOriginalValue()).isNotNull();
            assertThat(letter.getOffset()).isNotNull();
        });
        assertThat(ended).allSatisfy(outcome -> assertThat(outcome.getReason()).isNotBlank());
        assertThat(pauses).as("a flood of bad input pauses the stage, for longer each time").isNotEmpty();
        assertThat(pauses.get(pauses.size() - 1)).isGreaterThan(pauses.get(0));
        Map<String, Long> reasons = new TreeMap<>();
        letters.forEach(l -> reasons.merge(l.getErrorType() + ": " + l.getReason().replaceAll("[0-9a-f]{6,}|\\d+", "N"), 1L, Long::sum));
        ended.forEach(o -> reasons.merge(o.getStatus() + ": " + o.getReason().replaceAll("/[^ ]*|\\d+", "N"), 1L, Long::sum));
        assertThat(String.join("\n", reasons.keySet()))
                .contains("Unknown magic byte")
                .contains("Unknown schema id")
                .contains("is not N hexadecimal characters")
                .contains("eventId is missing or blank")
                .contains("larger than the")
                .contains("file not found")
                .contains("outside the allowed source directories")
                .contains("cloud metadata address")
                .contains("unsupported uri scheme 'gopher'")
                .contains("empty file (N bytes)");
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
