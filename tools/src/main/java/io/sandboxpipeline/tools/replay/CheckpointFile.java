package io.sandboxpipeline.tools.replay;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A run's checkpoint on disk, as a properties file. Every write goes to a temporary file that then replaces the
 * checkpoint in one atomic rename, so a crash leaves the previous checkpoint or the new one, never half of one.
 */
public final class CheckpointFile {

    private static final String RUN_ID = "run.id";
    private static final String SOURCE = "source";
    private static final String PUBLISHED = "published";
    private static final String LAST_URI = "last.uri";
    private static final String LISTING_DIGEST = "listing.sha256";
    private static final String OFFSETS = "arrival.offsets";
    private static final String UPDATED_AT = "updated.at";

    private final Path path;

    public CheckpointFile(Path path) {
        this.path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /** The checkpoint, or empty when there is none yet. */
    public Optional<Checkpoint> read() throws IOException {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        try {
            return Optional.of(new Checkpoint(
                    new RunId(required(properties, RUN_ID)),
                    required(properties, SOURCE),
                    Long.parseLong(required(properties, PUBLISHED)),
                    properties.getProperty(LAST_URI),
                    required(properties, LISTING_DIGEST),
                    offsets(properties.getProperty(OFFSETS, "")),
                    Instant.parse(required(properties, UPDATED_AT))));
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + path + " is damaged (" + e.getMessage() + "): delete it to start the run over, "
                    + "or name another --checkpoint", e);
        }
    }

    public void write(Checkpoint checkpoint) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(RUN_ID, checkpoint.runId().value());
        properties.setProperty(SOURCE, checkpoint.source());
        properties.setProperty(PUBLISHED, Long.toString(checkpoint.published()));
        if (checkpoint.lastUri() != null) {
            properties.setProperty(LAST_URI, checkpoint.lastUri());
        }
        properties.setProperty(LISTING_DIGEST, checkpoint.listingDigest());
        properties.setProperty(OFFSETS, new TreeMap<>(checkpoint.arrivalOffsets()).entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(",")));
        properties.setProperty(UPDATED_AT, checkpoint.updatedAt().toString());
        Path dir = path.getParent();
        Files.createDirectories(dir);
        Path temporary = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "sandbox-pipeline replay checkpoint: the first 'published' files of the source are on "
                        + "file-arrivals. Delete this file to start the run over.");
            }
            move(temporary);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void move(Path temporary) throws IOException {
        try {
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return value;
    }

    private static Map<Integer, Long> offsets(String text) {
        Map<Integer, Long> offsets = new TreeMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException(OFFSETS + " entry '" + entry + "' is not partition:offset");
            }
            offsets.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        }
        return offsets;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
