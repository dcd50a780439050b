package io.sandboxpipeline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.runtime.Stage;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
import io.sandboxpipeline.tools.reconcile.ReconcileCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Hostile and malformed input over the whole pipeline on a real broker: every input record, matched one by one by the
 * {@code reconcile} command (by event id, or by its position for records that are no event), has exactly one terminal
 * record, and nothing hostile reaches the Sandbox.
 */
class HostileInputEndToEndTest {

    private static final String KEY = "hostile-input-key";
    private static final int PER_KIND = 40;

    @TempDir
    Path dir;

    @Test
    void shouldAnswerEveryHostileRecordExactlyOnce() throws Exception {
        Path root = Files.createDirectories(dir.resolve("incoming"));
        Path empty = Files.createFile(root.resolve("empty.bin"));
        Path outside = Files.writeString(dir.resolve("secret.txt"), "not yours");
        Path escape = Files.createSymbolicLink(root.resolve("innocent.txt"), outside);
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey(KEY).build());
             PipelineHarness pipeline = new PipelineHarness(kafka.bootstrapServers(), emulator.baseUrl().toString(), KEY,
                     dir.resolve("state"))) {
            Map<String, String> settings = Map.of("submitter.allowed.roots", root.toString(),
                    // a flood of bad input would pause the submitter for minutes: this test wants every record answered
                    "submitter.dead.letter.max.share", "1.0");
            for (Stage stage : Stage.values()) {
                pipeline.start(stage, settings);
            }
            byte[] valid = avro(pipeline, arrival("template", empty.toUri().toString()));
            Random random = new Random(42);
            List<IntFunction<byte[]>> kinds = List.of(
                    i -> bytes(random, 1 + random.nextInt(200)),                                      // random bytes
                    i -> Arrays.copyOf(valid, 5 + random.nextInt(valid.length - 6)),                  // truncated Avro
                    i -> { byte[] b = valid.clone(); b[0] = (byte) (1 + random.nextInt(255)); return b; }, // wrong magic byte
                    i -> { byte[] b = valid.clone(); ByteBuffer.wrap(b, 1, 4).putInt(100_000 + i); return b; }, // unknown schema id
                    i -> new byte[0],                                                                   // empty value
                    i -> avro(pipeline, arrival("bad-uri-" + i, List.of("", "no scheme", "::::", "http://").get(i % 4))),
                    i -> avro(pipeline, FileArrival.newBuilder(arrival("bad-sha-" + i, "file:///x")).setSha256("zz" + i).build()),
                    i -> avro(pipeline, arrival("missing-" + i, root.resolve("gone-" + i + ".pdf").toUri().toString())),
                    i -> avro(pipeline, arrival("escape-" + i, i % 2 == 0 ? escape.toUri().toString() : outside.toUri().toString())),
                    i -> avro(pipeline, arrival("ssrf-" + i, "http://169.254.169.254/latest/meta-data/iam/" + i)),
                    i -> avro(pipeline, arrival("unsupported-" + i, "gopher://files.example/" + i)),
                    i -> avro(pipeline, arrival("empty-" + i, empty.toUri().toString())),
                    i -> avro(pipeline, arrival("", "file:///x")));                                    // blank event id
            int records = kinds.size() * PER_KIND;
            for (int i = 0; i < records; i++) {
                pipeline.publishRaw("hostile-" + i, kinds.get(i % kinds.size()).apply(i));
            }

            JsonNode report = awaitReconciled(kafka, pipeline, records, Duration.ofSeconds(120));

            assertThat(report.at("/counts/inputRecords").asInt()).isEqualTo(records);
            assertThat(report.at("/counts/missing").asInt()).as("records without a terminal record").isZero();
            assertThat(report.at("/counts/duplicated").asInt()).as("records answered twice").isZero();
            assertThat(report.at("/counts/orphans").asInt()).as("terminal records of no input record").isZero();
            assertThat(report.get("result").asText()).as(report.toPrettyString()).isEqualTo("OK");
            assertThat(emulator.stats().submissions()).as("uploads of hostile input").isZero();
        }
    }

    /** Runs {@code reconcile} until no record is pending any more (or the timeout passed) and returns its JSON report. */
    private JsonNode awaitReconciled(EmbeddedKafka kafka, PipelineHarness pipeline, int records, Duration timeout)
            throws Exception {
        Path json = dir.resolve("reconcile.json");
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            StringWriter out = new StringWriter();
            CommandLine command = new CommandLine(new ReconcileCommand(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()),
                    Clock.systemUTC()));
            command.setOut(new PrintWriter(out, true));
            command.setErr(new PrintWriter(out, true));
            command.execute("--set", "schema.registry.url=" + pipeline.schemaRegistryUrl(),
                    "--set", "topic.prefix=" + pipeline.topicPrefix(), "--grace", "10m", "--json", json.toString());
            JsonNode report = new ObjectMapper().readTree(json.toFile());
            boolean settled = report.at("/counts/inputRecords").asInt() == records && report.at("/counts/pending").asInt() == 0;
            if (settled || Instant.now().isAfter(deadline)) {
                return report;
            }
            Thread.sleep(1000);
        }
    }

    private static FileArrival arrival(String eventId, String uri) {
        return FileArrival.newBuilder().setEventId(eventId).setUri(uri).setSha256(null).setSize(null).setName(null)
                .setContentType(null).setSourceSystem("hostile").setLane(Lane.LIVE).setArrivalTime(Instant.now())
                .setAttributes(Map.of()).build();
    }

    private static byte[] avro(PipelineHarness pipeline, FileArrival arrival) {
        String topic = pipeline.topics().fileArrivals().name();
        return pipeline.topics().fileArrivalSerde().serializer().serialize(topic, arrival);
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
