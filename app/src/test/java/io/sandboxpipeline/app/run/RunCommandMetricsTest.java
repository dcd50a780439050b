package io.sandboxpipeline.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.app.demo.DemoSamples;
import io.sandboxpipeline.client.SandboxClient;
import io.sandboxpipeline.client.SandboxClientConfig;
import io.sandboxpipeline.client.Verdict;
import io.sandboxpipeline.core.source.Sha256;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.Faults;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sandbox-pipeline run all} as an operator runs it: health endpoints, the metrics an end-to-end run leaves, and
 * the status page as a real browser shows it, checked against the verdicts topic.
 */
class RunCommandMetricsTest {

    private static final String KEY = "run-metrics-key";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void shouldBecomeReadyAndExposeTheMetricsOfARun() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        int opsPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            opsPort = socket.getLocalPort();
        }
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey(KEY).scanDuration(Duration.ofMillis(500)).pollPause(2)
                     // some 429s, so that the rate-limit and retry series the alerts watch exist too
                     .faults(Faults.builder().rateLimitedRate(0.3).build()).randomSeed(3).build())) {
            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "SANDBOX_URL", emulator.baseUrl().toString(),
                    "SANDBOX_API_KEY", KEY,
                    "SCHEMA_REGISTRY_URL", "mock://run-" + id,
                    "TOPIC_PREFIX", "run-" + id + ".",
                    "STATE_DIR", dir.resolve("state").toString(),
                    "SP_KAFKA_APPLICATION_ID_PREFIX", "run-" + id + "-",
                    "SP_KAFKA_PARTITIONS", "2",
                    "SP_OPS_PORT", String.valueOf(opsPort),
                    "SP_SUBMITTER_ALLOWED_ROOTS", dir.toString());
            RunCommand run = new RunCommand(env);
            Future<Integer> exit = executor.submit(() -> new CommandLine(run).execute("all"));
            URI ops = URI.create("http://127.0.0.1:" + opsPort);

            awaitStatus(ops.resolve("/health/ready"), 200, Duration.ofSeconds(60));
            assertThat(get(ops.resolve("/health/live")).statusCode()).isEqualTo(200);

            PipelineTopics topics = new PipelineTopics(TopicNames.withPrefix("run-" + id + "."), Map.of("schema.registry.url", "mock://run-" + id));
            Path file = Files.writeString(dir.resolve("memo.txt"), "an ordinary memo", StandardCharsets.UTF_8);
            publish(kafka.bootstrapServers(), topics, "memo-1", file);
            publishRaw(kafka.bootstrapServers(), topics, "not-an-event", new byte[] {7, 7, 7});
            awaitVerdicts(kafka.bootstrapServers(), topics, 1, Duration.ofSeconds(60));

            // the pipeline answers reputation look-ups in the Sandbox's own shape: the Sandbox client itself can ask it
            String sha256 = Sha256.ofBytes("an ordinary memo".getBytes(StandardCharsets.UTF_8));
            try (SandboxClient client = SandboxClient.create(
                    SandboxClientConfig.builder().baseUrl(ops).apiKey("any-key-for-the-pipeline").build())) {
                var reputation = client.hashReputation(sha256).get(30, TimeUnit.SECONDS);
                assertThat(reputation.overallVerdict()).isEqualTo(Verdict.NO_THREAT);
                assertThat(reputation.reports()).singleElement().satisfies(r -> assertThat(r.flowId()).isPresent());
            }

            String metrics = get(ops.resolve("/metrics")).body();
            // every series the shipped alerts and dashboard query exists: a renamed metric would silence them
            assertThat(metricNamesUsedBy(Path.of("..", "deploy", "prometheus", "alerts.yml"),
                    Path.of("..", "deploy", "grafana", "sandbox-pipeline-dashboard.json")))
                    .as("metrics the alerts and the dashboard use that /metrics does not export")
                    .allMatch(name -> Pattern.compile("(?m)^" + name + "[{ ]").matcher(metrics).find());
            assertThat(metrics)
                    .contains("sandbox_pipeline_events_in_total{stage=\"submitter\"}")
                    .containsPattern("sandbox_pipeline_verdicts_out_total\\{[^}]*decided_by=\"SANDBOX\"[^}]*verdict=\"NO_THREAT\"[^}]*} 1\\.0")
                    .containsPattern("sandbox_pipeline_sandbox_calls_total\\{[^}]*endpoint=\"upload\"[^}]*status=\"200\"[^}]*} 1\\.0")
                    .contains("sandbox_pipeline_sandbox_call_duration_seconds_bucket")
                    .contains("sandbox_pipeline_cache_misses_total")
                    .contains("sandbox_pipeline_flows_in_flight")
                    .contains("sandbox_pipeline_quota_in_flight")
                    .contains("kafka_stream_thread_commit_latency_avg")
                    .doesNotContain(KEY);

            // the status page, as a browser renders it, against what the verdicts topic holds
            Path hostile = Files.writeString(dir.resolve("<b>bold & \"quoted\".txt"), DemoSamples.EICAR, StandardCharsets.UTF_8);
            publish(kafka.bootstrapServers(), topics, "hostile-name-1", hostile);
            List<EnrichedVerdict> onTopic = awaitVerdicts(kafka.bootstrapServers(), topics, 2, Duration.ofSeconds(60));
            awaitStatus(ops.resolve("/"), 200, Duration.ofSeconds(5));
            StatusPageDom page = StatusPageDom.render(ops.resolve("/"), onTopic.size());
            assertThat(page.stages()).containsOnlyKeys("submitter", "poller", "enricher").containsValues("RUNNING");
            assertThat(page.latest()).containsOnlyKeys(onTopic.stream().map(EnrichedVerdict::getEventId).toArray(String[]::new));
            onTopic.forEach(v -> assertThat(page.latest().get(v.getEventId())).as("row of %s", v.getEventId())
                    .containsExactly(v.getVerdict().name(), v.getDecidedBy().name(), v.getStatus().name()));
            assertThat(page.byVerdict()).containsEntry("MALICIOUS", 1L).containsEntry("NO_THREAT", 1L);
            assertThat(page.files()).contains("<b>bold & \"quoted\".txt");
            assertThat(page.boldElements()).as("a file name is text, never markup").isZero();
            assertThat(get(ops.resolve("/nothing-here")).statusCode()).isEqualTo(404);

            run.stop();
            assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        } finally {
            executor.shutdownNow();
        }
    }

    /** The pipeline's and Kafka's series named in these files ({@code up} is Prometheus' own). */
    private static Set<String> metricNamesUsedBy(Path... files) throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern series = Pattern.compile("\\b(?:sandbox_pipeline|kafka)_[a-z_]+");
        for (Path file : files) {
            Matcher matcher = series.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (matcher.find()) {
                names.add(matcher.group());
            }
        }
        assertThat(names).as("metric names found in the deploy files").hasSizeGreaterThan(10);
        return names;
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStatus(URI uri, int status, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                if (get(uri).statusCode() == status) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the server starts with the command
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(uri + " did not answer " + status + " within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    private static void publish(String bootstrap, PipelineTopics topics, String eventId, Path file) {
        FileArrival arrival = FileArrival.newBuilder().setEventId(eventId).setUri(file.toUri().toString()).setSha256(null).setSize(null)
                .setName(file.getFileName().toString()).setContentType(null).setSourceSystem("test").setLane(Lane.LIVE)
                .setArrivalTime(Instant.now()).setAttributes(Map.of()).build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            String topic = topics.fileArrivals().name();
            producer.send(new ProducerRecord<>(topic, eventId, topics.fileArrivalSerde().serializer().serialize(topic, arrival)));
        }
    }

    private static void publishRaw(String bootstrap, PipelineTopics topics, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.fileArrivals().name(), key, value));
        }
    }

    private static List<EnrichedVerdict> awaitVerdicts(String bootstrap, PipelineTopics topics, int count, Duration timeout) {
        String topic = topics.verdicts().name();
        List<EnrichedVerdict> verdicts = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(timeout);
            while (verdicts.size() < count) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(verdicts.size() + " of " + count + " verdicts within " + timeout);
                }
                consumer.poll(Duration.ofMillis(250)).forEach(r -> verdicts.add(
                        topics.verdicts().valueSerde().deserializer().deserialize(topic, r.value())));
            }
        }
        return verdicts;
    }

}
