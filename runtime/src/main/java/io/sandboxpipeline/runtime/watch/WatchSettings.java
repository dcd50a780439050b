package io.sandboxpipeline.runtime.watch;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Watched folders: every new or changed file under {@code dirs} becomes one file-arrival event.
 *
 * @param dirs           the folders, watched recursively ({@code watch.dirs}, comma-separated); they are also the
 *                       allowed {@code file://} roots
 * @param quietPeriod    how long a file's size and time must stay the same before it counts as complete
 *                       ({@code watch.quiet.period}, default 2 s)
 * @param rescanInterval how often the folders are scanned whole, as a safety net ({@code watch.rescan.interval}, 60 s)
 * @param checkpointFile the files already published ({@code watch.checkpoint}, default {@code watch-checkpoint.txt}
 *                       in the state directory)
 */
public record WatchSettings(List<Path> dirs, Duration quietPeriod, Duration rescanInterval, Path checkpointFile) {

    public static final String DIRS_KEY = "watch.dirs";

    public WatchSettings {
        dirs = dirs.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new ConfigException(DIRS_KEY + ": " + dir + " is not a directory");
            }
        }
        if (quietPeriod.isNegative()) {
            throw new ConfigException("watch.quiet.period must not be negative, got " + quietPeriod);
        }
        if (rescanInterval.isNegative() || rescanInterval.isZero()) {
            throw new ConfigException("watch.rescan.interval must be positive, got " + rescanInterval);
        }
        Objects.requireNonNull(checkpointFile, "checkpointFile");
    }

    /** The settings when {@code watch.dirs} names at least one folder. */
    public static Optional<WatchSettings> from(ConfigValues values, Path stateDir) {
        List<Path> dirs = Arrays.stream(values.get(DIRS_KEY, "").split(",")).map(String::strip).filter(d -> !d.isEmpty())
                .map(Path::of).toList();
        if (dirs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WatchSettings(dirs, values.getDuration("watch.quiet.period", Duration.ofSeconds(2)),
                values.getDuration("watch.rescan.interval", Duration.ofSeconds(60)),
                Path.of(values.get("watch.checkpoint", stateDir.resolve("watch-checkpoint.txt").toString()))));
    }
}
