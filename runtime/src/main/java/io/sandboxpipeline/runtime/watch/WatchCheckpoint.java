package io.sandboxpipeline.runtime.watch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a watched folder has published, with the size and modification time they had: a restart publishes none
 * of them again unless it changed, and publishes every file that arrived or changed while it was down. Kept as a text
 * file ({@code <size> <modified millis> <file uri>} per line), replaced atomically after each published batch.
 */
final class WatchCheckpoint {

    private final Path file;
    private final Map<Path, WatchedFile> published = new HashMap<>();

    private WatchCheckpoint(Path file) {
        this.file = file;
    }

    static WatchCheckpoint load(Path file) {
        WatchCheckpoint checkpoint = new WatchCheckpoint(file);
        if (!Files.exists(file)) {
            return checkpoint;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ", 3);
                if (parts.length == 3) {
                    Path path = Path.of(URI.create(parts[2]));
                    checkpoint.published.put(path, new WatchedFile(path, Long.parseLong(parts[0]), Long.parseLong(parts[1])));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the watch checkpoint " + file + ": " + e.getMessage()
                    + " (delete it to publish every watched file again)", e);
        }
        return checkpoint;
    }

    boolean holds(WatchedFile seen) {
        return seen.sameContentAs(published.get(seen.path()));
    }

    /** Records a batch that was published (and flushed): written to disk before this returns. */
    void record(List<WatchedFile> batch) {
        batch.forEach(f -> published.put(f.path(), f));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                for (WatchedFile f : published.values()) {
                    out.write(f.size() + " " + f.modifiedMillis() + " " + f.path().toUri());
                    out.newLine();
                }
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the watch checkpoint " + file, e);
        }
    }

    int size() {
        return published.size();
    }
}
