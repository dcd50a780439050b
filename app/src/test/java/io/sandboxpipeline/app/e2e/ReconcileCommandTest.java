package io.sandboxpipeline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.app.SandboxPipeline;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.Verdict;
import io.sandboxpipeline.serde.SchemaRegistries;
import io.sandboxpipeline.tools.reconcile.ReconcileCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command against a real (in-JVM, loopback-only) broker, with records written by the pipeline's serdes. */
class ReconcileCommandTest {

    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    private final Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private String prefix;
    private String scope;
    private PipelineTopics topics;
    private KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @BeforeEach
    void createTopics() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        prefix = "rc-" + id + ".";
        scope = "rc-" + id;
        topics = new PipelineTopics(TopicNames.withPrefix(prefix), Map.of("schema.registry.url", "mock://" + scope));
        kafka.createTopics(2, topics.fileArrivals().name(), topics.verdicts().name(), topics.deadLetters().name());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void cleanUp() {
        producer.close();
        SchemaRegistries.dropScope(scope);
    }

    @Test
    void shouldExitZeroWhenEveryEventHasItsTerminalRecord() throws Exception {
        // given: two answered events, one still in progress, and three records that are not events at all
        arrival("e1", now);
        arrival("e2", now);
        arrival("e3-in-progress", now);
        raw("garbage-with-key", now);
        RecordMetadata nameless = raw(null, now);
        verdict("e1", Verdict.NO_THREAT);
        verdict("e2", Verdict.MALICIOUS);
        // answers the keyed garbage by its key only (no source position), as an older dead letter might
        deadLetter("garbage-with-key", null);
        deadLetter(null, nameless);
        // a second verdict for e1 that was never committed: read_committed must not see it
        abortedVerdict("e1", Verdict.SUSPICIOUS);
        Path json = dir.resolve("report.json");

        // when
        Run run = reconcile(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "SANDBOX_API_KEY", "secret-key-4711"),
                "--set", "schema.registry.url=mock://" + scope, "--set", "topic.prefix=" + prefix, "--json", json.toString());

        // then
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out())
                .contains("Reconciled " + prefix + "file-arrivals against " + prefix + "verdicts and " + prefix + "dead-letters")
                .contains("2 verdicts, 2 dead letters")
                .contains("e3-in-progress")
                .contains("OK: nothing missing, nothing duplicated (5 events, 1 still pending).")
                .doesNotContain("secret-key-4711");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("result").asText()).isEqualTo("OK");
        assertThat(report.at("/counts/inputRecords").asInt()).isEqualTo(5);
        assertThat(report.at("/counts/verdicts").asInt()).isEqualTo(2);
        assertThat(report.at("/counts/answered").asInt()).isEqualTo(4);
        assertThat(report.at("/counts/duplicated").asInt()).isZero();
        assertThat(report.at("/pending/0/eventId").asText()).isEqualTo("e3-in-progress");
        assertThat(report.at("/unidentified/0/answered").asBoolean()).isTrue();
        // assign + seek: no consumer group was joined, so no offsets were committed anywhere
        assertThat(kafka.admin().listGroups().all().get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void shouldExitOneAndNameTheMissingAndTheDuplicatedEvent() {
        // given
        arrival("lost", now.minus(Duration.ofHours(1)));
        arrival("answered-twice", now.minus(Duration.ofMinutes(30)));
        arrival("fine", now.minus(Duration.ofMinutes(30)));
        verdict("answered-twice", Verdict.MALICIOUS);
        verdict("answered-twice", Verdict.NO_THREAT);
        verdict("fine", Verdict.NO_THREAT);
        verdict("ghost", Verdict.BENIGN);

        // when
        Run run = reconcile(Map.of(), "--set", "kafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "--set", "schema.registry.url=mock://" + scope, "--set", "topic.prefix=" + prefix);

        // then
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.out())
                .containsPattern("missing +1 ")
                .containsPattern("duplicated +1 ")
                .containsPattern("orphans +1 ")
                .containsPattern("lost +age 1h 00m")
                .containsPattern("answered-twice +2 terminal records for 1 input record, they disagree: DONE MALICIOUS \\| DONE NO_THREAT")
                .contains("ghost")
                .contains("FAILED: 1 event missing, 1 event duplicated.");
    }

    @Test
    void shouldExitTwoWithoutTouchingKafkaWhenTheBootstrapServersAreNotConfigured() {
        Run run = reconcile(Map.of("SCHEMA_REGISTRY_URL", "mock://" + scope));

        assertThat(run.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("kafka.bootstrap.servers is required: set KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void shouldExitTwoWhenTheSchemaRegistryIsNotConfigured() {
        Run run = reconcile(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));

        assertThat(run.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("schema.registry.url is required");
    }

    @Test
    void shouldExitTwoAndCreateNoTopicWhenThePrefixNamesNoTopics() throws Exception {
        Run run = reconcile(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "SCHEMA_REGISTRY_URL", "mock://" + scope,
                "TOPIC_PREFIX", "no-such-prefix."), "--timeout", "20s");

        assertThat(run.exit()).as(run.all()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("topic no-such-prefix.verdicts does not exist");
        assertThat(kafka.admin().listTopics().names().get(10, TimeUnit.SECONDS)).noneMatch(t -> t.startsWith("no-such-prefix."));
    }

    @Test
    void shouldExitTwoWithoutAConclusionWhenKafkaDoesNotAnswerWithinTheTimeout() {
        // nothing listens on port 1: every metadata request fails until the timeout
        Run run = reconcile(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1", "SCHEMA_REGISTRY_URL", "mock://" + scope),
                "--timeout", "1s");

        assertThat(run.exit()).as(run.all()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("Cannot read the topics, nothing was concluded");
        assertThat(run.out()).doesNotContain("OK:").doesNotContain("FAILED:");
    }

    @Test
    void shouldRejectANegativeListWithUsageExitCode() {
        Run run = reconcile(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "SCHEMA_REGISTRY_URL", "mock://" + scope),
                "--list", "-1");

        assertThat(run.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("--list must be zero or more, got -1");
    }

    @Test
    void shouldBeASubcommandWhoseHelpStatesTheRules() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = SandboxPipeline.commandLine();
        commandLine.setOut(new PrintWriter(out, true));

        int exit = commandLine.execute("reconcile", "--help");

        assertThat(exit).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("Usage: sandbox-pipeline reconcile")
                .contains("--grace").contains("--timeout").contains("--json").contains("--list")
                .contains("input duplicates an event id published in N > 1 input records. Not a failure by itself")
                .contains("No Sandbox API key is needed")
                .contains("Exit codes:");
    }

    private Run reconcile(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new ReconcileCommand(env, clock));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private RecordMetadata arrival(String eventId, Instant timestamp) {
        FileArrival arrival = FileArrival.newBuilder().setEventId(eventId).setUri("file:///data/" + eventId)
                .setName(eventId).setSourceSystem("test").setLane(Lane.LIVE).setArrivalTime(timestamp).build();
        String topic = topics.fileArrivals().name();
        return send(topic, eventId, topics.fileArrivalSerde().serializer().serialize(topic, arrival), timestamp);
    }

    /** An input record that is not a file-arrival event. */
    private RecordMetadata raw(String key, Instant timestamp) {
        return send(topics.fileArrivals().name(), key, "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8), timestamp);
    }

    private void verdict(String eventId, Verdict verdict) {
        String topic = topics.verdicts().name();
        send(topic, eventId, topics.verdicts().valueSerde().serializer().serialize(topic, enriched(eventId, verdict)), now);
    }

    private EnrichedVerdict enriched(String eventId, Verdict verdict) {
        return EnrichedVerdict.newBuilder().setEventId(eventId).setUri("file:///data/" + eventId).setLane(Lane.LIVE)
                .setVerdict(verdict).setDecidedBy(Decider.SANDBOX).setStatus(OutcomeStatus.DONE).setAttempts(1)
                .setDecidedAt(now).setPublishedAt(now).build();
    }

    private void deadLetter(String eventId, RecordMetadata source) {
        DeadLetter letter = DeadLetter.newBuilder().setEventId(eventId).setStage("submitter")
                .setSourceTopic(source == null ? null : source.topic())
                .setPartition(source == null ? null : source.partition())
                .setOffset(source == null ? null : source.offset())
                .setReason("cannot deserialize the file-arrival event").setErrorType("UNDESERIALIZABLE")
                .setOriginalKey(eventId == null ? null : ByteBuffer.wrap(eventId.getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap("{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8)))
                .setFailedAt(now).build();
        String topic = topics.deadLetters().name();
        send(topic, eventId, topics.deadLetters().valueSerde().serializer().serialize(topic, letter), now);
    }

    private void abortedVerdict(String eventId, Verdict verdict) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "rc-aborting-" + UUID.randomUUID());
        String topic = topics.verdicts().name();
        try (KafkaProducer<String, byte[]> transactional = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            transactional.initTransactions();
            transactional.beginTransaction();
            transactional.send(new ProducerRecord<>(topic, eventId,
                    topics.verdicts().valueSerde().serializer().serialize(topic, enriched(eventId, verdict))));
            transactional.flush();
            transactional.abortTransaction();
        }
    }

    private RecordMetadata send(String topic, String key, byte[] value, Instant timestamp) {
        try {
            return producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + topic, e);
        }
    }
}
