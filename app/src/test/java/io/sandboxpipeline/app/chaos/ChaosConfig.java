package io.sandboxpipeline.app.chaos;

import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.topic.TopicNames;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The settings of one pipeline under test, given either in-process ({@link #values()}) or to a child process as
 * environment variables ({@link #environment()}), so both run with the same configuration.
 *
 * @param runId             unique per test: topics are {@code chaos-<runId>.*}, application ids {@code chaos-<runId>-*}
 * @param bootstrapServers  the test's broker
 * @param schemaRegistryUrl {@code http://127.0.0.1:port} for a child process, or {@code mock://scope} in-process
 * @param sandboxUrl        the emulator
 * @param apiKey            the emulator's key; never shown by {@link #toString()}
 * @param stateDir          Kafka Streams state, kept across restarts
 */
record ChaosConfig(String runId, String bootstrapServers, String schemaRegistryUrl, URI sandboxUrl, String apiKey,
                   Path stateDir) {

    /** Uploads one pipeline instance has in flight at most: what a crash can leave unanswered. */
    static final int UPLOADS_IN_FLIGHT = 8;
    /** System properties {@code chaos.set.<key>} override or add the pipeline setting {@code <key>}. */
    static final String SET_PREFIX = "chaos.set.";

    /** Environment variables with names of their own (see README "Configuration"); the rest go as {@code SP_*}. */
    private static final Map<String, String> ENV_NAMES = Map.of(
            "kafka.bootstrap.servers", "KAFKA_BOOTSTRAP_SERVERS",
            "schema.registry.url", "SCHEMA_REGISTRY_URL",
            "sandbox.url", "SANDBOX_URL",
            "sandbox.api.key", "SANDBOX_API_KEY",
            "topic.prefix", "TOPIC_PREFIX",
            "kafka.state.dir", "STATE_DIR");

    ChaosConfig {
        if (runId == null || !runId.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("runId must be lower-case letters, digits and '-' (it names topics), got "
                    + runId);
        }
        Objects.requireNonNull(bootstrapServers, "bootstrapServers: start the broker first");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl: http://127.0.0.1:port or mock://scope");
        Objects.requireNonNull(sandboxUrl, "sandboxUrl: start the emulator first");
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must be the emulator's key");
        }
        Objects.requireNonNull(stateDir, "stateDir: a directory kept across restarts");
    }

    /** Every setting by configuration key. */
    Map<String, String> values() {
        Map<String, String> values = new TreeMap<>();
        values.put("kafka.bootstrap.servers", bootstrapServers);
        values.put("schema.registry.url", schemaRegistryUrl);
        values.put("sandbox.url", sandboxUrl.toString());
        values.put("sandbox.api.key", apiKey);
        values.put("topic.prefix", "chaos-" + runId + ".");
        values.put("kafka.state.dir", stateDir.toString());
        // the workload's files lie next to the state directory
        values.put("submitter.allowed.roots", stateDir.getParent().toString());
        values.put("kafka.application.id.prefix", "chaos-" + runId + "-");
        values.put("kafka.partitions", "2");
        // the emulator's slow answers (3 s) must outlast the read timeout
        values.put("sandbox.read.timeout", "2s");
        values.put("submitter.retry.backoff", "300ms");
        // scans take a second here: a lost upload that was accepted is listed by the search within a few seconds
        values.put("submitter.lost.upload.patience", "20s");
        values.put("quota.upload.max.concurrent", Integer.toString(UPLOADS_IN_FLIGHT));
        // long enough that no flow times out because of the crashes: every event must end DONE or with its reason
        values.put("poller.scan.deadline", "5m");
        // a killed instance never leaves its consumer groups: its partitions move to the restarted one only when
        // its session expires (the broker's minimum is 6 s; the default 45 s would stall every restart)
        values.put("kafka.session.timeout.ms", "6000");
        values.put("kafka.heartbeat.interval.ms", "1500");
        // `run` serves metrics and health: on loopback and an ephemeral port, like every server a test starts
        values.put("ops.host", "127.0.0.1");
        values.put("ops.port", "0");
        // -Dchaos.set.<key>=<value> tries a setting in the chaos runs without editing the test
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(SET_PREFIX))
                .forEach(name -> values.put(name.substring(SET_PREFIX.length()), System.getProperty(name)));
        return values;
    }

    ConfigValues configValues() {
        return ConfigValues.of(values());
    }

    /** The same settings as environment variables of {@code sandbox-pipeline run}. */
    Map<String, String> environment() {
        Map<String, String> env = new TreeMap<>();
        values().forEach((key, value) -> env.put(ENV_NAMES.getOrDefault(key, envName(key)), value));
        return env;
    }

    TopicNames topics() {
        return TopicNames.from(configValues());
    }

    private static String envName(String key) {
        return "SP_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    @Override
    public String toString() {
        return "ChaosConfig[runId=" + runId + ", bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl="
                + schemaRegistryUrl + ", sandboxUrl=" + sandboxUrl + ", apiKey=***, stateDir=" + stateDir + "]";
    }
}
