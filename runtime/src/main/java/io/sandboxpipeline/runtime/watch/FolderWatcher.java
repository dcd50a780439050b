package io.sandboxpipeline.runtime.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches folders (recursively) and publishes every new file, and every file whose content changes, once it is
 * complete ({@link ReadyFiles}). The file system's change notifications say where to look; when they overflow (thousands
 * of files at once), and at start against the checkpoint, the folders are scanned whole instead, so no file is missed.
 * A full scan also runs every {@code rescanInterval} as a safety net. Runs on its own thread.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);

    /** Publishes a batch of complete files; returns once they are durably published (flushed). */
    @FunctionalInterface
    public interface Publisher {
        void publish(List<WatchedFile> files) throws Exception;
    }

    private final List<Path> roots;
    private final Clock clock;
    private final Duration rescanInterval;
    private final WatchCheckpoint checkpoint;
    private final ReadyFiles ready;
    private final Publisher publisher;
    private final WatchService watchService;
    private final Map<WatchKey, Path> watchedDirectories = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long published;

    private FolderWatcher(WatchSettings settings, Clock clock, Publisher publisher) throws IOException {
        this.roots = settings.dirs();
        this.clock = clock;
        this.rescanInterval = settings.rescanInterval();
        this.checkpoint = WatchCheckpoint.load(settings.checkpointFile());
        this.ready = new ReadyFiles(clock, settings.quietPeriod(), checkpoint);
        this.publisher = publisher;
        this.watchService = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::run, "folder-watcher");
        this.thread.setDaemon(true);
    }

    /** Starts watching: the first full scan (against the checkpoint) runs on the watcher's thread. */
    public static FolderWatcher start(WatchSettings settings, Clock clock, Publisher publisher) throws IOException {
        FolderWatcher watcher = new FolderWatcher(settings, clock, publisher);
        watcher.thread.start();
        LOG.info("watching {} (quiet period {} ms)", settings.dirs(), settings.quietPeriod().toMillis());
        return watcher;
    }

    /** Files published since the start. */
    public long published() {
        return published;
    }

    private void run() {
        long nextFullScan = 0;
        while (running) {
            try {
                if (clock.millis() >= nextFullScan) {
                    roots.forEach(this::scanTree);
                    nextFullScan = clock.millis() + rescanInterval.toMillis();
                }
                WatchKey key = watchService.poll(200, TimeUnit.MILLISECONDS);
                while (key != null) {
                    if (!handle(key)) {
                        nextFullScan = 0;
                    }
                    key = watchService.poll();
                }
                publishReady();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // a publishing failure (broker away) keeps the files waiting: they are published on a later turn
                LOG.warn("watched folders: {}; retrying", e.getMessage());
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
    }

    /** Handles one directory's events; false when they overflowed and a full scan must find what was lost. */
    private boolean handle(WatchKey key) {
        Path directory = watchedDirectories.get(key);
        boolean complete = true;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                complete = false;
                continue;
            }
            if (directory != null && event.context() instanceof Path name) {
                Path path = directory.resolve(name);
                if (event.kind() == ENTRY_DELETE) {
                    ready.gone(path);
                } else {
                    scanTree(path);
                }
            }
        }
        if (!key.reset()) {
            watchedDirectories.remove(key);
        }
        return complete;
    }

    /** Registers every directory under {@code start} and observes every file there (or {@code start} itself). */
    private void scanTree(Path start) {
        if (WatchNames.ignored(start) && !roots.contains(start)) {
            return;
        }
        Deque<Path> directories = new ArrayDeque<>();
        if (Files.isDirectory(start)) {
            directories.add(start);
        } else {
            observe(start);
        }
        Set<Path> visited = new HashSet<>();
        while (!directories.isEmpty()) {
            Path directory = directories.poll();
            if (!visited.add(directory)) {
                continue;
            }
            register(directory);
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path entry : entries.toList()) {
                    if (WatchNames.ignored(entry)) {
                        continue;
                    }
                    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                        directories.add(entry);
                    } else {
                        observe(entry);
                    }
                }
            } catch (NoSuchFileException e) {
                // removed while being scanned
            } catch (IOException e) {
                LOG.warn("cannot list {}: {}", directory, e.getMessage());
            }
        }
    }

    private void register(Path directory) {
        if (watchedDirectories.containsValue(directory)) {
            return;
        }
        try {
            watchedDirectories.put(directory.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), directory);
        } catch (IOException e) {
            LOG.warn("cannot watch {} (it is still scanned every {} s): {}", directory, rescanInterval.toSeconds(), e.getMessage());
        }
    }

    private void observe(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isRegularFile()) {
                ready.observe(new WatchedFile(file.toAbsolutePath(), attributes.size(), attributes.lastModifiedTime().toMillis()));
            }
        } catch (NoSuchFileException e) {
            ready.gone(file.toAbsolutePath());
        } catch (IOException e) {
            LOG.warn("cannot read the attributes of {}: {}", file, e.getMessage());
        }
    }

    private void publishReady() {
        List<WatchedFile> batch = ready.takeReady();
        if (batch.isEmpty()) {
            return;
        }
        try {
            publisher.publish(batch);
        } catch (Exception e) {
            batch.forEach(this::observeAgain);
            throw new IllegalStateException("publishing " + batch.size() + " files failed: " + e.getMessage(), e);
        }
        checkpoint.record(batch);
        published += batch.size();
    }

    private void observeAgain(WatchedFile file) {
        observe(file.path());
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
            watchService.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.getMessage());
        }
    }
}
