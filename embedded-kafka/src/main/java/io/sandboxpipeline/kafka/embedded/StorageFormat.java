package io.sandboxpipeline.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/** Formats a KRaft data directory the way {@code kafka-storage.sh format} does, without leaving the JVM. */
final class StorageFormat {

    private StorageFormat() {
    }

    /**
     * Formats {@code logDir} (named in {@code configFile}) with a new cluster id, unless it is already formatted: a
     * restart on the same data dir must keep its cluster id, and {@code --ignore-formatted} alone does not do that
     * (it still compares the stored cluster id with the new one and fails).
     */
    static void formatIfNeeded(Path configFile, Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString(),
                "--ignore-formatted"};
            exitCode = StorageTool.execute(args, out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Formatting Kafka storage with " + configFile + " failed: "
                    + e.getMessage() + " " + output.toString(StandardCharsets.UTF_8).strip(), e);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting Kafka storage with " + configFile + " failed (exit code "
                    + exitCode + "): " + output.toString(StandardCharsets.UTF_8).strip());
        }
    }
}
