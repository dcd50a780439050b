package io.sandboxpipeline.tools.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <data dir>/connection.env}: where a running {@code sandbox-pipeline up} serves Kafka, the schema registry,
 * the Sandbox and the ops endpoint, as {@code NAME=value} lines a shell can {@code source} and every other command reads
 * when no Kafka is configured. It never holds the API key of a real Sandbox (only the emulator's, which is local).
 */
public final class ConnectionFile {

    public static final String FILE_NAME = "connection.env";
    /** Where {@code up} keeps its data when {@code --data} is not given, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of(".sandbox-pipeline");

    private ConnectionFile() {
    }

    /** Writes the file atomically (a reader never sees half of it). */
    public static void write(Path dataDir, Map<String, String> values) {
        StringBuilder text = new StringBuilder("# written by `sandbox-pipeline up`; removed when it stops\n");
        values.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        try {
            Path temporary = dataDir.resolve(FILE_NAME + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, dataDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE_NAME), e);
        }
    }

    public static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE_NAME));
        } catch (IOException e) {
            // a stale file is recognised by readers: nothing answers at its addresses
        }
    }

    /** The values of {@code dataDir/connection.env}, if the file exists. */
    public static Optional<Map<String, String>> read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                if (!line.startsWith("#") && equals > 0) {
                    values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.of(values);
    }

    /** Whether something accepts connections at {@code host:port} (within half a second). */
    public static boolean answers(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), 500);
            return true;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }
}
