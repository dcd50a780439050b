package io.sandboxpipeline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.app.demo.DemoSamples;
import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.runtime.Stage;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.serde.Compatibility;
import io.sandboxpipeline.serde.MockSchemaRegistry;
import io.sandboxpipeline.serde.SchemaRegistries;
import io.sandboxpipeline.serde.SchemaRegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Node.js service on kafkajs 2.2 and @kafkajs/confluent-schema-registry (the examples in clients/node) writes
 * file-arrival events with the library's default {@code register()}, and reads every output topic back, with no codec
 * plugin: what it decodes is what the pipeline decided.
 */
class NodeClientEndToEndTest {

    private static final String KEY = "node-e2e-key";

    @TempDir
    Path dir;

    @Test
    void shouldTakeArrivalsFromAndGiveVerdictsToANodeServiceOnKafkajs() throws Exception {
        NodeClients node = NodeClients.require();
        List<DemoSamples.Sample> samples = DemoSamples.writeTo(dir.resolve("samples"));
        Path clean = samples.get(0).path();
        Path eicar = samples.stream().filter(s -> s.expected().contains("MALICIOUS")).findFirst().orElseThrow().path();
        ObjectMapper json = new ObjectMapper();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey(KEY)
                     .scanDuration(Duration.ofMillis(500)).pollPause(2).build());
             PipelineHarness pipeline = new PipelineHarness(kafka.bootstrapServers(), emulator.baseUrl().toString(), KEY,
                     dir.resolve("state"))) {
            MockSchemaRegistry registry = SchemaRegistries.mockScope(pipeline.schemaRegistryUrl().substring("mock://".length()));
            try (SchemaRegistryServer server = SchemaRegistryServer.start(registry)) {
                pipeline.start(Stage.values());
                TopicNames names = pipeline.topics().names();
                String brokers = kafka.bootstrapServers();
                String registryUrl = server.url().toString();

                List<JsonNode> published = node.run("publish-arrivals.js", "--brokers", brokers, "--registry", registryUrl,
                        "--topic", names.fileArrivals(), "--schema", Path.of("..", "..", "docs", "schemas", "FileArrival.avsc").toString(),
                        "--event", json.writeValueAsString(Map.of("eventId", "node-clean", "uri", clean.toUri().toString())),
                        "--event", json.writeValueAsString(Map.of("eventId", "node-eicar", "uri", eicar.toUri().toString(),
                                "sourceSystem", "node-service")));

                assertThat(published).singleElement().satisfies(line -> assertThat(line.path("sent").asInt()).isEqualTo(2));
                // register() with defaults: GET /config/{subject} (404), POST the schema, PUT the subject's BACKWARD
                assertThat(registry.settings().ownCompatibility(names.fileArrivals() + "-value")).hasValue(Compatibility.BACKWARD);
                PipelineHarness.Terminals terminals = pipeline.awaitTerminals(Set.of("node-clean", "node-eicar"),
                        Duration.ofSeconds(90));
                assertThat(terminals.count("node-clean")).isEqualTo(1);
                assertThat(terminals.count("node-eicar")).isEqualTo(1);
                EnrichedVerdict malicious = terminals.verdict("node-eicar");
                assertThat(malicious.getSourceSystem()).isEqualTo("node-service");

                List<JsonNode> verdicts = node.run("read-topic.js", "--brokers", brokers, "--registry", registryUrl,
                        "--topic", names.verdicts(), "--idle-ms", "3000");
                JsonNode read = verdicts.stream().filter(v -> "node-eicar".equals(v.path("key").asText())).findFirst()
                        .orElseThrow(() -> new AssertionError("kafkajs did not read the verdict of node-eicar: " + verdicts));
                assertThat(read.path("value").path("verdict").asText()).isEqualTo(malicious.getVerdict().name());
                assertThat(read.path("value").path("sha256").asText()).isEqualTo(malicious.getSha256());
                assertThat(verdicts).extracting(v -> v.path("key").asText()).contains("node-clean");

                for (String output : List.of(names.verdictCache(), names.iocFeed(), names.deadLetters())) {
                    List<JsonNode> records = node.run("read-topic.js", "--brokers", brokers, "--registry", registryUrl,
                            "--topic", output, "--idle-ms", "3000");
                    assertThat(records).as("records kafkajs read from %s", output)
                            .allSatisfy(r -> assertThat(r.path("value").isObject()).isTrue());
                    if (output.equals(names.verdictCache())) {
                        assertThat(records).as("the verdict cache holds both contents' verdicts").hasSizeGreaterThanOrEqualTo(2);
                    }
                }
                assertThat(Files.exists(NodeClients.DIR.resolve("node_modules"))).isTrue();
            }
        }
    }
}
