package io.sandboxpipeline.app.schemas;

import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.core.topic.TopicSchemas;
import io.sandboxpipeline.core.topic.TopicSchemas.TopicSchema;
import io.sandboxpipeline.tools.cli.ConfigOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Publishes the value schema of every Avro topic, self-contained (each named type defined where it is used), exactly
 * as the pipeline's serdes register them: for producers and consumers in other languages.
 */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Print the Avro schema of each topic, self-contained and exactly as the pipeline registers it.",
        footer = {"", "Without options: which topic holds which record, under which registry subject.",
            "  sandbox-pipeline schemas --topic sandbox.verdicts   # one topic's schema (.avsc JSON)",
            "  sandbox-pipeline schemas --out schemas/             # one <Record>.avsc file per record type"})
public final class SchemasCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Spec
    CommandSpec spec;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Print only this topic's schema.")
    String topic;

    @Option(names = "--out", paramLabel = "DIR", description = "Write one <Record>.avsc file per record type into DIR.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        List<TopicSchema> schemas = TopicSchemas.of(TopicNames.from(configOptions.load(System.getenv())));
        if (topic != null) {
            TopicSchema wanted = schemas.stream().filter(s -> s.topic().equals(topic)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no Avro topic named " + topic + "; the topics are "
                            + schemas.stream().map(TopicSchema::topic).toList()));
            stdout.print(wanted.avsc());
            stdout.flush();
            return 0;
        }
        if (out != null) {
            for (Map.Entry<String, String> file : files(schemas).entrySet()) {
                Files.createDirectories(out);
                Files.writeString(out.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
                stdout.println("wrote " + out.resolve(file.getKey()));
            }
            stdout.flush();
            return 0;
        }
        stdout.printf("%-36s %-42s %s%n", "TOPIC", "SUBJECT", "RECORD");
        schemas.forEach(s -> stdout.printf("%-36s %-42s %s%n", s.topic(), s.subject(), s.schema().getFullName()));
        stdout.println("(" + TopicNames.from(configOptions.load(System.getenv())).verdictsJson()
                + " holds the verdicts as JSON text: no schema)");
        stdout.flush();
        return 0;
    }

    /** File name ({@code <Record>.avsc}) to content, one per record type. */
    public static Map<String, String> files(List<TopicSchema> schemas) {
        Map<String, String> files = new LinkedHashMap<>();
        schemas.forEach(s -> files.putIfAbsent(s.schema().getName() + ".avsc", s.avsc()));
        return files;
    }
}
