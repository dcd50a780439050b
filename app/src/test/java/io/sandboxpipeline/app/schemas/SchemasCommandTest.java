package io.sandboxpipeline.app.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.app.SandboxPipeline;
import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.core.topic.TopicSchemas;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.FileArrival;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemasCommandTest {

    /** The copies users download without running anything (README, docs/clients.md link them). */
    private static final Path PUBLISHED = Path.of("..", "docs", "schemas");

    @TempDir
    Path dir;

    @Test
    void shouldWriteSchemasThatParseAloneInAFreshParser() throws IOException {
        assertThat(run("schemas", "--out", dir.toString())).isZero();

        try (Stream<Path> files = Files.list(dir)) {
            List<Path> written = files.sorted().toList();
            assertThat(written).extracting(p -> p.getFileName().toString())
                    .contains("FileArrival.avsc", "EnrichedVerdict.avsc", "DeadLetter.avsc", "IocFeedEntry.avsc",
                            "CachedVerdict.avsc");
            for (Path file : written) {
                // a fresh parser knows no other type: FileArrival's Lane, EnrichedVerdict's Tag etc. must be inside
                Schema alone = new Schema.Parser().parse(file.toFile());
                assertThat(alone.getName() + ".avsc").isEqualTo(file.getFileName().toString());
            }
        }
        assertThat(new Schema.Parser().parse(dir.resolve("FileArrival.avsc").toFile())).isEqualTo(FileArrival.getClassSchema());
    }

    @Test
    void shouldKeepThePublishedCopiesIdenticalToWhatThePipelineRegisters() throws IOException {
        Map<String, String> current = SchemasCommand.files(TopicSchemas.of(TopicNames.withPrefix(TopicNames.DEFAULT_PREFIX)));

        try (Stream<Path> files = Files.list(PUBLISHED)) {
            assertThat(files.filter(f -> f.toString().endsWith(".avsc")).map(f -> f.getFileName().toString()))
                    .as("docs/schemas/*.avsc (regenerate with: ./sandbox-pipeline schemas --out docs/schemas)")
                    .containsExactlyInAnyOrderElementsOf(current.keySet());
        }
        for (Map.Entry<String, String> file : current.entrySet()) {
            assertThat(Files.readString(PUBLISHED.resolve(file.getKey()), StandardCharsets.UTF_8))
                    .as("docs/schemas/%s (regenerate with: ./sandbox-pipeline schemas --out docs/schemas)", file.getKey())
                    .isEqualTo(file.getValue());
        }
    }

    @Test
    void shouldPrintOneTopicsSchemaAndListEveryTopicWithItsSubject() {
        StringWriter one = new StringWriter();
        assertThat(run(one, "schemas", "--topic", "sandbox.verdicts")).isZero();
        assertThat(new Schema.Parser().parse(one.toString())).isEqualTo(EnrichedVerdict.getClassSchema());

        StringWriter list = new StringWriter();
        assertThat(run(list, "schemas")).isZero();
        assertThat(list.toString())
                .contains("sandbox.file-arrivals", "sandbox.file-arrivals-value", "io.sandboxpipeline.schemas.FileArrival")
                .contains("sandbox.verdicts-value", "sandbox.verdicts-json");
    }

    private static int run(String... args) {
        return run(new StringWriter(), args);
    }

    private static int run(StringWriter out, String... args) {
        picocli.CommandLine commandLine = SandboxPipeline.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        return commandLine.execute(args);
    }
}
