package io.sandboxpipeline.runtime.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWatcherTest {

    @TempDir
    Path dir;

    /** Every published file with how often it was published. */
    private final Map<Path, AtomicInteger> published = new ConcurrentHashMap<>();
    private final Map<Path, Long> publishedSizes = new ConcurrentHashMap<>();

    private FolderWatcher start(Path watched, Duration quiet) throws Exception {
        WatchSettings settings = new WatchSettings(List.of(watched), quiet, Duration.ofSeconds(60), dir.resolve("checkpoint.txt"));
        return FolderWatcher.start(settings, Clock.systemUTC(), files -> files.forEach(f -> {
            published.computeIfAbsent(f.path(), p -> new AtomicInteger()).incrementAndGet();
            publishedSizes.put(f.path(), f.size());
        }));
    }

    @Test
    void shouldPublishANewFileOnceItIsCompleteAndIgnoreTemporaryNames() throws Exception {
        Path watched = Files.createDirectories(dir.resolve("in"));
        try (FolderWatcher watcher = start(watched, Duration.ofMillis(300))) {
            Path report = Files.writeString(watched.resolve("report.pdf"), "quarterly");
            Files.writeString(watched.resolve("upload.part"), "half");
            Files.writeString(watched.resolve("draft.tmp"), "scratch");
            Files.writeString(watched.resolve("~$report.docx"), "lock");
            Files.writeString(watched.resolve(".hidden"), "dot");
            Path nested = Files.createDirectories(watched.resolve("2026/12"));
            Path deep = Files.writeString(nested.resolve("deep.txt"), "nested");

            await(() -> published.containsKey(report) && published.containsKey(deep));
            Thread.sleep(1000);

            assertThat(published.keySet()).containsExactlyInAnyOrder(report.toAbsolutePath(), deep.toAbsolutePath());
            assertThat(published.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        }
    }

    @Test
    void shouldWaitForAFileWrittenSlowlyAndPublishItWhole() throws Exception {
        Path watched = Files.createDirectories(dir.resolve("in"));
        try (FolderWatcher watcher = start(watched, Duration.ofMillis(800))) {
            Path slow = watched.resolve("slow.bin");
            for (int i = 0; i < 8; i++) {
                Files.writeString(slow, "chunk " + i + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                Thread.sleep(300);
                assertThat(published).as("published while still being written").doesNotContainKey(slow);
            }

            await(() -> published.containsKey(slow));
            Thread.sleep(1200);

            assertThat(published.get(slow).get()).isEqualTo(1);
            assertThat(publishedSizes.get(slow)).isEqualTo(Files.size(slow));
        }
    }

    @Test
    void shouldPublishAFileMovedInWithItsOldTimeAtOnce() throws Exception {
        Path watched = Files.createDirectories(dir.resolve("in"));
        Path outside = Files.writeString(dir.resolve("archived.txt"), "from last year");
        Files.setLastModifiedTime(outside, FileTime.from(Instant.now().minus(Duration.ofDays(300))));
        try (FolderWatcher watcher = start(watched, Duration.ofSeconds(30))) {
            Path moved = Files.move(outside, watched.resolve("archived.txt"));
            Path fresh = Files.writeString(watched.resolve("fresh.txt"), "just written");

            await(() -> published.containsKey(moved));

            assertThat(published).as("a fresh file waits for its quiet period").doesNotContainKey(fresh);
        }
    }

    @Test
    void shouldPublishAfterARestartOnlyWhatIsNewOrChanged() throws Exception {
        Path watched = Files.createDirectories(dir.resolve("in"));
        Path kept = Files.writeString(watched.resolve("kept.txt"), "unchanged");
        Path edited = Files.writeString(watched.resolve("edited.txt"), "first version");
        try (FolderWatcher watcher = start(watched, Duration.ofMillis(200))) {
            await(() -> published.containsKey(kept) && published.containsKey(edited));
        }
        published.clear();

        // while it is down: one new file, one edited file
        Path added = Files.writeString(watched.resolve("added.txt"), "arrived while down");
        Files.writeString(edited, "second, longer version");
        try (FolderWatcher watcher = start(watched, Duration.ofMillis(200))) {
            await(() -> published.containsKey(added) && published.containsKey(edited));
            Thread.sleep(1000);
        }

        assertThat(published.keySet()).containsExactlyInAnyOrder(added, edited);
    }

    @Test
    void shouldPublishEveryFileOfABurstOfAThousandExactlyOnce() throws Exception {
        Path watched = Files.createDirectories(dir.resolve("in"));
        try (FolderWatcher watcher = start(watched, Duration.ofMillis(300))) {
            for (int i = 0; i < 1000; i++) {
                Files.writeString(watched.resolve("burst-" + i + ".txt"), "file " + i);
            }

            await(() -> published.size() == 1000);
            Thread.sleep(1000);

            assertThat(published).hasSize(1000);
            assertThat(published.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
