package io.sandboxpipeline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.app.SandboxPipeline;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.ops.OpsServer;
import io.sandboxpipeline.core.ops.OpsSettings;
import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.submitter.SubmitterConfig;
import io.sandboxpipeline.submitter.SubmitterStage;
import io.sandboxpipeline.submitter.lookup.LocalReputationHandler;
import io.sandboxpipeline.tools.lookup.LookupCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sandbox-pipeline lookup} against the real endpoint: a submitter on a loopback broker with its ops server on
 * 127.0.0.1 (a free port), as {@code run submitter} wires them; the EICAR test file's verdict comes from the emulated
 * Sandbox's reputation and is then answered by the pipeline itself.
 */
class LookupCommandTest {

    private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    private static final String NEVER_SEEN = "ab".repeat(32);

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static SandboxEmulator sandbox;
    private static StageRunner submitter;
    private static OpsServer ops;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startASubmitterWithItsOpsServer() throws Exception {
        kafka = EmbeddedKafka.start();
        sandbox = SandboxEmulator.start(EmulatorConfig.builder().port(0).apiKey("emulator-key").build());
        String id = "lookup-" + UUID.randomUUID().toString().substring(0, 8);
        // as for 'run submitter': one set of settings for the ops server and the stage (which advertises ops.host:ops.port)
        ConfigValues values = ConfigValues.of(Map.ofEntries(
                Map.entry("ops.host", "127.0.0.1"),
                Map.entry("ops.port", String.valueOf(freeLoopbackPort())),
                Map.entry("kafka.bootstrap.servers", kafka.bootstrapServers()),
                Map.entry("kafka.application.id.prefix", id + "-"),
                Map.entry("kafka.partitions", "2"),
                Map.entry("kafka.state.dir", dir.resolve("state").toString()),
                Map.entry("topic.prefix", id + "."),
                Map.entry("schema.registry.url", "mock://" + id),
                Map.entry("sandbox.url", sandbox.baseUrl().toString()),
                Map.entry("sandbox.api.key", "emulator-key"),
                Map.entry("submitter.allowed.roots", dir.toString())));
        SubmitterConfig config = SubmitterConfig.from(values);
        AtomicReference<StageRunner> runner = new AtomicReference<>();
        LocalReputationHandler handler = LocalReputationHandler.create(
                () -> Optional.ofNullable(runner.get()).map(StageRunner::streams), config.pipeline().kafka());
        ops = OpsServer.start(OpsSettings.from(values), () -> "", Map::of, handler.routes());
        submitter = SubmitterStage.start(config);
        runner.set(submitter);

        Path eicar = Files.writeString(dir.resolve("eicar.com"), EICAR, StandardCharsets.US_ASCII);
        PipelineTopics topics = new PipelineTopics(TopicNames.withPrefix(id + "."), Map.of("schema.registry.url", "mock://" + id));
        try (KafkaProducer<String, FileArrival> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringSerializer(), topics.fileArrivalSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.fileArrivals().name(), "e1", FileArrival.newBuilder().setEventId("e1")
                    .setUri(eicar.toUri().toString()).setName("eicar.com").setArrivalTime(Instant.now()).build()))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopEverything() {
        if (submitter != null) {
            submitter.close(Duration.ofSeconds(10));
        }
        if (ops != null) {
            ops.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private int lookup(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "lookup";
        System.arraycopy(args, 0, full, 1, args.length);
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        picocli.CommandLine commandLine = SandboxPipeline.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(full);
    }

    /** Asks until the pipeline knows the hash (the verdict takes a moment to reach the cache), at most 40 s. */
    private int lookupUntilKnown(String sha256) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        int exit;
        while ((exit = lookup(sha256, "--url", ops.baseUri().toString())) != LookupCommand.KNOWN && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return exit;
    }

    @Test
    void shouldPrintTheVerdictOfAKnownFileAndExitZero() throws Exception {
        int exit = lookupUntilKnown(SandboxEmulator.EICAR_SHA256);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\n  \"overall_verdict\" : \"malicious\"");
        JsonNode answer = json.readTree(out.toString());
        assertThat(answer.get("sha256").asText()).isEqualTo(SandboxEmulator.EICAR_SHA256);
        assertThat(answer.get("filescan_reports")).singleElement()
                .satisfies(report -> assertThat(report.get("verdict").asText()).isEqualTo("malicious"));
    }

    @Test
    void shouldPrintUnknownAndExitThreeForAFileThePipelineNeverSaw() throws Exception {
        lookupUntilKnown(SandboxEmulator.EICAR_SHA256);

        int exit = lookup(NEVER_SEEN, "--url", ops.baseUri() + "/");

        assertThat(exit).as(err.toString()).isEqualTo(LookupCommand.UNKNOWN);
        JsonNode answer = json.readTree(out.toString());
        assertThat(answer.get("overall_verdict").asText()).isEqualTo("unknown");
        assertThat(answer.get("filescan_reports")).isEmpty();
    }

    @Test
    void shouldRefuseSomethingThatIsNotASha256WithoutAskingAnyone() {
        int exit = lookup("eicar.com", "--url", ops.baseUri().toString());

        assertThat(exit).isEqualTo(LookupCommand.NO_ANSWER);
        assertThat(err.toString()).contains("64 hexadecimal characters");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldExitTwoWhenNoPipelineListensThere() throws Exception {
        int closedPort;
        try (OpsServer gone = OpsServer.start(new OpsSettings("127.0.0.1", 0, true), () -> "", Map::of)) {
            closedPort = gone.address().getPort();
        }

        int exit = lookup(NEVER_SEEN, "--url", "http://127.0.0.1:" + closedPort, "--timeout", "3s");

        assertThat(exit).isEqualTo(LookupCommand.NO_ANSWER);
        assertThat(err.toString()).contains("Cannot reach the pipeline at http://127.0.0.1:" + closedPort);
    }

    @Test
    void shouldExitTwoWithTheReasonWhileTheCacheCannotBeQueried() {
        LocalReputationHandler notStarted = new LocalReputationHandler(Optional::empty, Optional.empty(), Clock.systemUTC());
        try (OpsServer starting = OpsServer.start(new OpsSettings("127.0.0.1", 0, true), () -> "", Map::of, notStarted.routes())) {
            int exit = lookup(NEVER_SEEN, "--url", starting.baseUri().toString());

            assertThat(exit).isEqualTo(LookupCommand.NO_ANSWER);
            assertThat(err.toString()).contains("HTTP 503").contains("has not started yet");
        }
    }
}
