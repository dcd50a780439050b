package io.sandboxpipeline.submitter.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.client.HashReputation;
import io.sandboxpipeline.client.SandboxClient;
import io.sandboxpipeline.client.SandboxClientConfig;
import io.sandboxpipeline.client.Verdict;
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
import io.sandboxpipeline.submitter.SubmitterNames;
import io.sandboxpipeline.submitter.SubmitterStage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local reputation endpoint against real Kafka Streams stores: two submitter instances of one application on a
 * loopback broker, each serving the endpoint on its own ops server (127.0.0.1, a free port), wired as the launcher
 * wires them. The EICAR test file gets its verdict from the emulated Sandbox's reputation; the pipeline then answers
 * for it itself, from whichever instance is asked.
 */
class LocalReputationHandlerTest {

    private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    private static final String NEVER_SEEN = "0".repeat(63) + "1";
    private static final Duration DEADLINE = Duration.ofSeconds(40);

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static SandboxEmulator sandbox;
    private static Instance first;
    private static Instance second;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One submitter instance with its ops server, as {@code run submitter} starts them: one set of settings for both. */
    private record Instance(StageRunner runner, OpsServer ops, HostInfo host) {

        static Instance start(String name, Map<String, String> shared, Map<String, String> ops) {
            Map<String, String> values = new HashMap<>(shared);
            values.putAll(ops);
            values.put("kafka.state.dir", dir.resolve(name).toString());
            ConfigValues config = ConfigValues.of(values);
            SubmitterConfig submitter = SubmitterConfig.from(config);
            AtomicReference<StageRunner> runner = new AtomicReference<>();
            LocalReputationHandler handler = LocalReputationHandler.create(
                    () -> Optional.ofNullable(runner.get()).map(StageRunner::streams), submitter.pipeline().kafka());
            OpsServer server = OpsServer.start(OpsSettings.from(config), () -> "", Map::of, handler.routes());
            runner.set(SubmitterStage.start(submitter));
            return new Instance(runner.get(), server, new HostInfo("127.0.0.1", server.address().getPort()));
        }

        static Instance advertised(String name, Map<String, String> shared) throws IOException {
            int port = freeLoopbackPort();
            return start(name, shared, Map.of("ops.host", "127.0.0.1", "ops.advertised.host", "127.0.0.1", "ops.port", String.valueOf(port)));
        }

        URI uri(String pathAndQuery) {
            return ops.baseUri().resolve(pathAndQuery);
        }

        void close() {
            runner.close(Duration.ofSeconds(10));
            ops.close();
        }
    }

    /** Settings of one submitter application with its own topics, on the shared broker and emulator. */
    private static Map<String, String> application(String id) {
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "kafka.application.id.prefix", id + "-",
                "kafka.partitions", "2",
                "topic.prefix", id + ".",
                "schema.registry.url", "mock://" + id,
                "sandbox.url", sandbox.baseUrl().toString(),
                "sandbox.api.key", "emulator-key",
                "submitter.allowed.roots", dir.toString());
    }

    /** A storage event for the EICAR test file on the application's input topic. */
    private static void publishEicar(String id) throws Exception {
        Path eicar = dir.resolve("eicar.com");
        if (!Files.exists(eicar)) {
            Files.writeString(eicar, EICAR, StandardCharsets.US_ASCII);
        }
        PipelineTopics topics = new PipelineTopics(TopicNames.withPrefix(id + "."), Map.of("schema.registry.url", "mock://" + id));
        try (KafkaProducer<String, FileArrival> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringSerializer(), topics.fileArrivalSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.fileArrivals().name(), "e1", FileArrival.newBuilder().setEventId("e1")
                    .setUri(eicar.toUri().toString()).setName("eicar.com").setArrivalTime(Instant.now()).build()))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    private static boolean knowsEicar(Instance instance) {
        return body(instance, "/api/reputation/hash?sha256=" + SandboxEmulator.EICAR_SHA256)
                .map(json -> json.get("overall_verdict").asText().equals("malicious")).orElse(false);
    }

    @BeforeAll
    static void startTwoSubmitters() throws Exception {
        kafka = EmbeddedKafka.start();
        sandbox = SandboxEmulator.start(EmulatorConfig.builder().port(0).apiKey("emulator-key").build());
        String id = "rep-" + UUID.randomUUID().toString().substring(0, 8);
        first = Instance.advertised("first", application(id));
        second = Instance.advertised("second", application(id));
        await("both instances run and know each other", () -> first.runner.state() == KafkaStreams.State.RUNNING
                && second.runner.state() == KafkaStreams.State.RUNNING
                && first.runner.streams().metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo).toList()
                        .containsAll(List.of(first.host, second.host)));
        publishEicar(id);
        await("the EICAR verdict is cached", () -> knowsEicar(holderOfEicar()));
    }

    @AfterAll
    static void stopEverything() {
        for (Instance instance : new Instance[] {second, first}) {
            if (instance != null) {
                instance.close();
            }
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

    private static Instance holderOfEicar() {
        HostInfo holder = first.runner.streams().queryMetadataForKey(SubmitterNames.VERDICT_CACHE_STORE,
                SandboxEmulator.EICAR_SHA256, Serdes.String().serializer()).activeHost();
        return holder.equals(first.host) ? first : second;
    }

    private static Instance otherThan(Instance instance) {
        return instance == first ? second : first;
    }

    private static HttpResponse<String> get(Instance instance, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<JsonNode> body(Instance instance, String pathAndQuery) {
        try {
            HttpResponse<String> response = get(instance, pathAndQuery);
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    private static SandboxClient clientOf(Instance instance) {
        // a tool built for the Sandbox, pointed at the pipeline instead; the key it sends is ignored there
        return SandboxClient.create(SandboxClientConfig.builder().baseUrl(instance.ops.baseUri()).apiKey("a-tools-own-key").build(),
                Clock.systemUTC());
    }

    @Test
    void shouldAnswerAKnownHashFromEitherInstanceInTheSandboxsShape() throws Exception {
        Instance holder = holderOfEicar();
        String query = "/api/reputation/hash?sha256=" + SandboxEmulator.EICAR_SHA256.toUpperCase(Locale.ROOT);

        HttpResponse<String> direct = get(holder, query);
        // the other instance does not hold the key: it asks the holder
        HttpResponse<String> forwarded = get(otherThan(holder), query);

        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(direct.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(forwarded.statusCode()).isEqualTo(200);
        assertThat(forwarded.body()).isEqualTo(direct.body());
        JsonNode answer = JSON.readTree(direct.body());
        List<String> fields = new ArrayList<>();
        answer.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("sha256", "overall_verdict", "fuzzyhash", "mdcloud", "filescan_reports");
        assertThat(answer.get("sha256").asText()).isEqualTo(SandboxEmulator.EICAR_SHA256);
        assertThat(answer.get("overall_verdict").asText()).isEqualTo("malicious");
        assertThat(answer.get("fuzzyhash").get("verdict").asText()).isEqualTo("unknown");
        assertThat(answer.get("mdcloud").isNull()).isTrue();
        assertThat(answer.get("filescan_reports")).singleElement().satisfies(report -> {
            assertThat(report.get("verdict").asText()).isEqualTo("malicious");
            assertThat(report.get("report_date").asText()).matches("\\d{2}/\\d{2}/\\d{4}, \\d{2}:\\d{2}:\\d{2}");
            assertThat(report.get("report_id").isNull()).isTrue();
        });
    }

    @Test
    void shouldBeReadableByAClientBuiltForTheSandbox() throws Exception {
        HashReputation fromTheSandbox;
        try (SandboxClient emulated = SandboxClient.create(SandboxClientConfig.builder().baseUrl(sandbox.baseUrl())
                .apiKey("emulator-key").build(), Clock.systemUTC())) {
            fromTheSandbox = emulated.hashReputation(SandboxEmulator.EICAR_SHA256).get(10, TimeUnit.SECONDS);
        }
        for (Instance instance : List.of(first, second)) {
            try (SandboxClient client = clientOf(instance)) {
                HashReputation known = client.hashReputation(SandboxEmulator.EICAR_SHA256).get(10, TimeUnit.SECONDS);
                HashReputation unknown = client.hashReputation(NEVER_SEEN).get(10, TimeUnit.SECONDS);

                assertThat(known.overallVerdict()).isEqualTo(Verdict.MALICIOUS);
                assertThat(known.isMaliciousEnoughToSkipScan()).isTrue();
                assertThat(known.reports()).singleElement().satisfies(report -> {
                    assertThat(report.verdict()).isEqualTo(Verdict.MALICIOUS);
                    // the cached verdict names the Sandbox report that made the hash known
                    assertThat(report.flowId()).isEqualTo(fromTheSandbox.reports().get(0).flowId());
                    assertThat(report.reportDate()).isPresent();
                });
                assertThat(unknown.overallVerdict()).isEqualTo(Verdict.UNKNOWN);
                assertThat(unknown.reports()).isEmpty();
                assertThat(unknown.sha256()).isEqualTo(NEVER_SEEN);
            }
        }
    }

    @Test
    void shouldRefuseAMissingOrMalformedHashAsTheSandboxDoes() throws Exception {
        HttpResponse<String> missing = get(first, "/api/reputation/hash");
        HttpResponse<String> malformed = get(first, "/api/reputation/hash?sha256=not-a-hash");

        assertThat(missing.statusCode()).isEqualTo(422);
        JsonNode error = JSON.readTree(missing.body()).get("detail").get(0);
        assertThat(error.get("loc")).extracting(JsonNode::asText).containsExactly("query", "sha256");
        assertThat(error.get("type").asText()).isEqualTo("missing");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).get("detail").asText()).contains("64 hexadecimal characters");
    }

    @Test
    void shouldNotForwardALookUpTwice() throws Exception {
        Instance notHolding = otherThan(holderOfEicar());

        HttpResponse<String> response = get(notHolding, "/api/reputation/hash?sha256=" + SandboxEmulator.EICAR_SHA256,
                ReputationForwarder.FORWARDED_HEADER, "1");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("not forwarded again");
    }

    @Test
    void shouldAnswerFromItsOwnStoresWhenAnInstanceAdvertisesNoAddress() throws Exception {
        // an ephemeral ops port cannot be advertised: Kafka Streams then knows no instance's address
        String id = "solo-" + UUID.randomUUID().toString().substring(0, 8);
        Instance solo = Instance.start("solo", application(id), Map.of("ops.host", "127.0.0.1", "ops.port", "0"));
        try {
            publishEicar(id);
            await("the solo instance knows EICAR", () -> knowsEicar(solo));

            HttpResponse<String> unknown = get(solo, "/api/reputation/hash?sha256=" + NEVER_SEEN);

            // a miss in its own part of the cache proves nothing: it says so instead of answering "unknown"
            assertThat(unknown.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(unknown.body()).get("detail").asText()).contains("ops.advertised.host");
        } finally {
            solo.close();
        }
    }

    @Test
    void shouldAnswer503WithAReasonBeforeTheSubmitterRuns() throws Exception {
        LocalReputationHandler handler = new LocalReputationHandler(Optional::empty, Optional.empty(), Clock.systemUTC());
        try (OpsServer ops = OpsServer.start(new OpsSettings("127.0.0.1", 0, true), () -> "", Map::of, handler.routes())) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(ops.baseUri().resolve(
                    "/api/reputation/hash?sha256=" + NEVER_SEEN)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("has not started yet");
        }
    }
}
