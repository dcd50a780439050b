package io.sandboxpipeline.runtime.watch;

import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.core.streams.KafkaSettings;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.tools.kafka.ToolSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Watched folders ({@code watch.dirs}) publishing to the pipeline's file-arrivals topic, for {@code run} and {@code up}. */
public final class WatchedFolders implements AutoCloseable {

    private final FolderWatcher watcher;
    private final KafkaProducer<String, byte[]> producer;

    private WatchedFolders(FolderWatcher watcher, KafkaProducer<String, byte[]> producer) {
        this.watcher = watcher;
        this.producer = producer;
    }

    /** The watched folders are allowed {@code file://} roots too: added to {@code submitter.allowed.roots}. */
    public static ConfigValues allowWatchedRoots(ConfigValues values) {
        String watched = values.get(WatchSettings.DIRS_KEY, "").strip();
        if (watched.isEmpty()) {
            return values;
        }
        Set<String> roots = new LinkedHashSet<>();
        for (String list : new String[] {values.get(FileSources.ALLOWED_ROOTS_KEY, ""), watched}) {
            for (String root : list.split(",")) {
                if (!root.isBlank()) {
                    roots.add(root.strip());
                }
            }
        }
        return values.with(FileSources.ALLOWED_ROOTS_KEY, String.join(",", roots));
    }

    /** Starts watching when {@code watch.dirs} is set. */
    public static Optional<WatchedFolders> startIfConfigured(ConfigValues values) {
        KafkaSettings kafka = KafkaSettings.from(values);
        Optional<WatchSettings> settings = WatchSettings.from(values, kafka.stateDir());
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        ToolSettings tools = ToolSettings.from(values);
        Map<String, Object> config = tools.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "sandbox-pipeline-watch");
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        try {
            PipelineTopics topics = new PipelineTopics(tools.topics(), tools.serdeConfig());
            FolderWatcher watcher = FolderWatcher.start(settings.get(), Clock.systemUTC(),
                    new ArrivalPublisher(producer, topics, Clock.systemUTC()));
            return Optional.of(new WatchedFolders(watcher, producer));
        } catch (IOException e) {
            producer.close();
            throw new UncheckedIOException("cannot watch " + settings.get().dirs(), e);
        }
    }

    public long published() {
        return watcher.published();
    }

    @Override
    public void close() {
        watcher.close();
        producer.close(Duration.ofSeconds(2));
    }
}
