package io.sandboxpipeline.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The broker's directory: a given one that is kept, or a temporary one deleted on close. */
record DataDirectory(Path root, boolean temporary) {

    DataDirectory {
        if (root == null) {
            throw new IllegalArgumentException("root must be a directory path");
        }
    }

    static DataDirectory of(Path given) {
        try {
            if (given == null) {
                return new DataDirectory(Files.createTempDirectory("embedded-kafka-"), true);
            }
            return new DataDirectory(Files.createDirectories(given), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka data directory "
                    + (given == null ? "in " + System.getProperty("java.io.tmpdir") : given), e);
        }
    }

    Path configFile() {
        return root.resolve("server.properties");
    }

    Path logDir() {
        return root.resolve("kafka-logs");
    }

    /** Deletes the directory if it is temporary; a given directory keeps its data. */
    void deleteIfTemporary() throws IOException {
        if (!temporary || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(DataDirectory::delete);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
