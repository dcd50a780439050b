package io.sandboxpipeline.app.chaos;

import io.sandboxpipeline.core.streams.StageRunner;
import io.sandboxpipeline.runtime.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;

/** The three stages inside the test JVM, as {@code sandbox-pipeline run all} starts them. */
final class InProcessPipeline implements AutoCloseable {

    private final List<StageRunner> runners;

    private InProcessPipeline(List<StageRunner> runners) {
        this.runners = runners;
    }

    static InProcessPipeline start(ChaosConfig config) {
        return new InProcessPipeline(new ArrayList<>(Stage.startAll(List.of(Stage.values()), config.configValues())));
    }

    /** The state of every stage, by stage name. */
    Map<String, KafkaStreams.State> states() {
        Map<String, KafkaStreams.State> states = new TreeMap<>();
        runners.forEach(runner -> states.put(runner.stage(), runner.state()));
        return states;
    }

    @Override
    public void close() {
        runners.forEach(runner -> runner.close(Duration.ofSeconds(20)));
    }
}
