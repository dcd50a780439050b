package io.sandboxpipeline.runtime.watch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file as a watched folder last saw it: what decides whether it is new, changed or still being written.
 *
 * @param path          the file's absolute path
 * @param size          its size in bytes
 * @param modifiedMillis its last-modified time, epoch milliseconds
 */
public record WatchedFile(Path path, long size, long modifiedMillis) {

    public WatchedFile {
        Objects.requireNonNull(path, "path");
    }

    public boolean sameContentAs(WatchedFile other) {
        return other != null && size == other.size && modifiedMillis == other.modifiedMillis;
    }
}
