package io.sandboxpipeline.app.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.config.Durations;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.runtime.Stage;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The main job on the embedded default: starts Kafka, a schema registry, the Sandbox emulator and all three stages in
 * this process, publishes one file-arrival event per file, waits until every event has its terminal record and prints
 * the results.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline on the embedded default and scan files.",
                "Without PATHs, scans a bundled sample set that shows every outcome.",
                "With SANDBOX_URL and SANDBOX_API_KEY set, uses that MetaDefender Sandbox instead of the emulator;",
                "with KAFKA_BOOTSTRAP_SERVERS (and SCHEMA_REGISTRY_URL), uses that Kafka."})
public final class DemoCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files or directories to scan (directories recursively).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write one JSON object per event to FILE.")
    Path json;

    @Option(names = "--timeout", defaultValue = "110s", description = "Give up waiting after this long (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = {"-v", "--verbose"}, description = "Show the stages' and Kafka's logs (by default only errors, the table says the rest).")
    boolean verbose;

    @Option(names = "--scan-duration", defaultValue = "3s", description = "How long an emulated scan takes (default: ${DEFAULT-VALUE}).")
    String scanDuration;

    private final PrintStream out;
    private final Map<String, String> env;

    public DemoCommand() {
        this(System.out, System.getenv());
    }

    public DemoCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        Instant started = Instant.now();
        if (!verbose) {
            quietLogs();
        }
        out.println("Starting sandbox-pipeline demo...");
        try (DemoEnvironment environment = DemoEnvironment.start(env, Durations.parse(scanDuration))) {
            environment.description().forEach(line -> out.println("  " + line));
            List<DemoSamples.Sample> samples = paths.isEmpty()
                    ? DemoSamples.writeTo(environment.workDir().resolve("samples"))
                    : userFiles();
            boolean checkExpectations = paths.isEmpty() && environment.emulated();
            // file:// sources are refused unless a root allows them: the demo allows exactly what it sends
            ConfigValues config = environment.config().with(FileSources.ALLOWED_ROOTS_KEY, paths.isEmpty()
                    ? environment.workDir().resolve("samples").toString() : userRoots());
            List<StageRunner> stages = Stage.startAll(List.of(Stage.values()), config);
            try {
                out.println("  Stages          submitter, poller, enricher (Kafka Streams, exactly-once)");
                return runEvents(config, samples, checkExpectations, started);
            } finally {
                stages.forEach(stage -> stage.close(Duration.ofSeconds(10)));
            }
        }
    }

    /** Progress and the table tell the story; the per-event logs and Kafka's start-up chatter would drown it. */
    private static void quietLogs() {
        for (String name : List.of("org.apache.kafka", "kafka", "io.sandboxpipeline")) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.ERROR);
            }
        }
    }

    /** The directories the user named, and those of the files they named. */
    private String userRoots() {
        return paths.stream().map(Path::toAbsolutePath).map(p -> Files.isDirectory(p) ? p : p.getParent())
                .map(Path::toString).distinct().collect(Collectors.joining(","));
    }

    private List<DemoSamples.Sample> userFiles() throws IOException {
        List<DemoSamples.Sample> samples = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.filter(Files::isRegularFile).sorted().forEach(f -> samples.add(new DemoSamples.Sample(f.toAbsolutePath(), "", "")));
                }
            } else {
                samples.add(new DemoSamples.Sample(path.toAbsolutePath(), "", ""));
            }
        }
        return samples;
    }

    private int runEvents(ConfigValues config, List<DemoSamples.Sample> samples, boolean checkExpectations, Instant started) throws IOException {
        PipelineTopics topics = new PipelineTopics(TopicNames.from(config), Map.of("schema.registry.url", config.get("schema.registry.url").orElseThrow()));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, DemoSamples.Sample> events = new LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            events.put(String.format("demo-%s-%02d", run, i + 1), samples.get(i));
        }
        String garbageId = checkExpectations ? "demo-" + run + "-garbage" : null;
        String bootstrap = config.get("kafka.bootstrap.servers").orElseThrow();
        Set<String> awaited = new HashSet<>(events.keySet());
        if (garbageId != null) {
            awaited.add(garbageId);
        }
        try (TerminalRecords terminals = new TerminalRecords(bootstrap, topics, awaited)) {
            publish(bootstrap, topics, events, garbageId);
            out.printf("Published %d file-arrival events to %s%n", awaited.size(), topics.fileArrivals().name());
            Duration limit = Durations.parse(timeout);
            Instant deadline = Instant.now().plus(limit);
            int lastCount = -1;
            while (!terminals.complete() && Instant.now().isBefore(deadline)) {
                terminals.poll(Duration.ofMillis(250));
                if (terminals.count() != lastCount) {
                    lastCount = terminals.count();
                    out.printf("  [%5.1fs] %d/%d events have their verdict or dead letter%n",
                            Duration.between(started, Instant.now()).toMillis() / 1000.0, lastCount, awaited.size());
                }
            }
            terminals.poll(Duration.ofMillis(500));
            ResultTable table = new ResultTable(events, garbageId, terminals.terminals(), checkExpectations);
            table.print(out);
            if (json != null) {
                writeJson(table.rows());
                out.println("Wrote " + json);
            }
            return verdictOf(table, terminals, awaited.size(), limit, started);
        }
    }

    private int verdictOf(ResultTable table, TerminalRecords terminals, int expected, Duration limit, Instant started) {
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        if (!terminals.duplicates().isEmpty()) {
            out.println("FAILED: duplicate terminal records for " + terminals.duplicates());
            return 1;
        }
        if (!terminals.complete()) {
            out.printf("FAILED: %d of %d events have no terminal record after %s%n", expected - terminals.count(), expected, limit);
            return 1;
        }
        if (table.mismatches() > 0) {
            out.printf("FAILED: %d sample(s) did not end as expected%n", table.mismatches());
            return 1;
        }
        out.printf("Every event has exactly one terminal record (%d events, %.1f s).%n", expected, seconds);
        return 0;
    }

    private void publish(String bootstrap, PipelineTopics topics, Map<String, DemoSamples.Sample> events, String garbageId) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            String topic = topics.fileArrivals().name();
            events.forEach((eventId, sample) -> {
                FileArrival arrival = FileArrival.newBuilder()
                        .setEventId(eventId)
                        .setUri(sample.path().toUri().toString())
                        .setSha256(null).setSize(null)
                        .setName(sample.path().getFileName().toString())
                        .setContentType(null)
                        .setSourceSystem("demo")
                        .setLane(Lane.LIVE)
                        .setArrivalTime(Instant.now())
                        .setAttributes(Map.of())
                        .build();
                producer.send(new ProducerRecord<>(topic, eventId, topics.fileArrivalSerde().serializer().serialize(topic, arrival)));
            });
            if (garbageId != null) {
                // one record that is not a file-arrival event at all: it must end on the dead-letter topic
                producer.send(new ProducerRecord<>(topic, garbageId, "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private void writeJson(List<Map<String, Object>> rows) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (BufferedWriter writer = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            for (Map<String, Object> row : rows) {
                writer.write(mapper.writeValueAsString(row));
                writer.newLine();
            }
        }
    }
}
