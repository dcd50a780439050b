package io.sandboxpipeline.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How commands find a running `up`: its connection.env fills in what the user did not configure. */
class ConfigOptionsTest {

    @TempDir
    Path dir;

    @Test
    void shouldConnectToARunningUpWhenNoKafkaIsConfigured() throws Exception {
        try (ServerSocket broker = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ConnectionFile.write(dir, Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + broker.getLocalPort(),
                    "SCHEMA_REGISTRY_URL", "http://127.0.0.1:18081"));

            ConfigValues values = options("--data", dir.toString()).load(Map.of("SANDBOX_URL", "https://sandbox.example"));

            assertThat(values.get("kafka.bootstrap.servers")).hasValue("127.0.0.1:" + broker.getLocalPort());
            assertThat(values.get("schema.registry.url")).hasValue("http://127.0.0.1:18081");
            assertThat(values.get("sandbox.url")).hasValue("https://sandbox.example");
        }
    }

    @Test
    void shouldPreferAConfiguredKafkaAndSayWhenUpIsGone() throws Exception {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = gone.getLocalPort();
        }
        ConnectionFile.write(dir, Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closedPort));

        assertThat(options("--data", dir.toString()).load(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"))
                .get("kafka.bootstrap.servers")).hasValue("kafka:9092");
        assertThatThrownBy(() -> options("--data", dir.toString()).load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nothing answers at 127.0.0.1:" + closedPort)
                .hasMessageContaining("sandbox-pipeline up");
        assertThatThrownBy(() -> options("--data", dir.resolve("nothing").toString()).load(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is `sandbox-pipeline up --data");
    }

    private static ConfigOptions options(String... args) {
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }
}
