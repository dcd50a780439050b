package io.sandboxpipeline.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The module's schema files, read as plain JSON so tests notice a schema that nothing else covers. */
final class AvscFiles {

    private AvscFiles() {
    }

    /** Simple names of the schemas in src/main/avro whose type is {@code type} ("record" or "enum"). */
    static List<String> namesOfType(String type) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/avro"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                JsonNode schema = json.readTree(file.toFile());
                if (type.equals(schema.path("type").asText())) {
                    names.add(schema.path("name").asText());
                }
            }
        }
        return names;
    }
}
