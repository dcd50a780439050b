package io.sandboxpipeline.app.run;

import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.streams.KafkaSettings;
import io.sandboxpipeline.core.streams.TopicProvisioner;
import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.tools.cli.ConfigOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Creates the pipeline's topics (or lists them with --dry-run), for clusters where applications may not create topics. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Create the pipeline's topics under the configured prefix (existing topics are left alone).")
public final class TopicsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Option(names = "--dry-run", description = "Only print the topics that would be created.")
    boolean dryRun;

    @Override
    public Integer call() {
        ConfigValues values = configOptions.load(System.getenv());
        KafkaSettings kafka = KafkaSettings.from(values);
        TopicNames names = TopicNames.from(values);
        List<NewTopic> plan = TopicProvisioner.plan(names, kafka.partitions(), kafka.replicationFactor(), kafka.compression());
        if (dryRun) {
            plan.forEach(t -> System.out.printf("%s partitions=%d replication=%d %s%n", t.name(), t.numPartitions(), t.replicationFactor(), t.configs()));
            return 0;
        }
        Map<String, Object> admin = new HashMap<>(kafka.passthrough());
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin client = Admin.create(admin)) {
            List<String> created = TopicProvisioner.createMissing(client, names, kafka.partitions(), kafka.replicationFactor(),
                    kafka.compression());
            System.out.println(created.isEmpty() ? "All " + plan.size() + " topics already exist." : "Created " + created);
        }
        return 0;
    }
}
