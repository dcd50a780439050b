package io.sandboxpipeline.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayPublisherTest {

    private static final RunId RUN = new RunId("backfill-1");
    private static final String SOURCE = "s3://archive/2024/";

    @TempDir
    Path dir;

    private final SteppedClock clock = new SteppedClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final FakeArrivalLog log = new FakeArrivalLog();
    private final List<String> progress = new ArrayList<>();

    private static List<ReplayEvent> events(int count) {
        List<ReplayFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(new ReplayFile(String.format("s3://archive/2024/file-%02d.bin", i), "file-" + i, 100L + i, null, null, null));
        }
        return ReplayEvent.plan(RUN, files);
    }

    private CheckpointFile checkpoints() {
        return new CheckpointFile(dir.resolve("run.checkpoint"));
    }

    /** A publisher as one process of the run would have it, checkpointing every {@code every} events. */
    private ReplayPublisher publisher(int every, BooleanSupplier stop) {
        Pacer pacer = new Pacer(1000, clock, clock::advance);
        return new ReplayPublisher(log, checkpoints(), pacer, clock, stop, every, Duration.ofHours(1));
    }

    private ReplayPublisher.Result publish(ReplayPublisher publisher, List<ReplayEvent> events) throws IOException {
        return publisher.publish(RUN, SOURCE, events, checkpoints().read(), new RecordingProgress(progress));
    }

    @Test
    void shouldPublishEveryFileAsAReplayEventOfTheRunAndCheckpointTheEnd() throws IOException {
        List<ReplayEvent> events = events(5);

        ReplayPublisher.Result result = publish(publisher(2, () -> false), events);

        assertThat(result).isEqualTo(new ReplayPublisher.Result(5, 5, 0, false));
        assertThat(log.storedIds()).containsExactlyElementsOf(events.stream().map(ReplayEvent::eventId).toList());
        FileArrival first = log.stored().get(0);
        assertThat(first.getLane()).isEqualTo(Lane.REPLAY);
        assertThat(first.getSourceSystem()).isEqualTo("replay");
        assertThat(first.getAttributes()).containsExactly(Map.entry("replay.run", "backfill-1"));
        assertThat(first.getUri()).isEqualTo("s3://archive/2024/file-00.bin");
        assertThat(first.getSize()).isEqualTo(100L);
        assertThat(first.getEventId()).startsWith("replay:backfill-1:").hasSize("replay:backfill-1:".length() + 64);
        Checkpoint checkpoint = checkpoints().read().orElseThrow();
        assertThat(checkpoint.published()).isEqualTo(5);
        assertThat(checkpoint.lastUri()).isEqualTo("s3://archive/2024/file-04.bin");
        assertThat(checkpoint.listingDigest()).isEqualTo(ListingDigest.of(events, 5));
        assertThat(progress).containsExactly("start 5 files, 510 bytes, 0 done", "+100", "+101", "+102", "+103", "+104", "close");
    }

    @Test
    void shouldResumeAStoppedRunAfterItsLastFileAndNeverPublishAFileTwice() throws IOException {
        // given: Ctrl-C after 4 of 10 files
        List<ReplayEvent> events = events(10);
        ReplayPublisher.Result first = publish(publisher(3, () -> log.stored().size() >= 4), events);
        assertThat(first.stopped()).isTrue();
        assertThat(checkpoints().read().orElseThrow().published()).isEqualTo(4);

        // when: the run is resumed by a new process
        ReplayPublisher.Result resumed = publish(publisher(3, () -> false), events);

        // then
        assertThat(resumed).isEqualTo(new ReplayPublisher.Result(10, 6, 0, false));
        assertThat(log.storedIds()).containsExactlyElementsOf(events.stream().map(ReplayEvent::eventId).toList());
        assertThat(progress).contains("start 10 files, 1045 bytes, 4 done");
    }

    @Test
    void shouldSkipWhatACrashPublishedAfterTheLastCheckpoint() throws IOException {
        // given: a checkpoint every 3 events; the process dies while sending the 8th: 7 are stored, 6 checkpointed
        List<ReplayEvent> events = events(10);
        log.crashAfterSends(7);
        assertThatThrownBy(() -> publish(publisher(3, () -> false), events)).hasMessageContaining("simulated crash");
        assertThat(checkpoints().read().orElseThrow().published()).isEqualTo(6);
        log.heal();

        // when
        ReplayPublisher.Result resumed = publish(publisher(3, () -> false), events);

        // then: the 7th is found on the topic and not sent again; every file is stored exactly once
        assertThat(resumed).isEqualTo(new ReplayPublisher.Result(10, 3, 1, false));
        assertThat(log.storedIds()).containsExactlyElementsOf(events.stream().map(ReplayEvent::eventId).toList());
    }

    @Test
    void shouldFindEverythingACrashPublishedBeforeTheFirstCheckpoint() throws IOException {
        List<ReplayEvent> events = events(6);
        log.crashAfterSends(2);
        assertThatThrownBy(() -> publish(publisher(5, () -> false), events)).hasMessageContaining("simulated crash");
        assertThat(checkpoints().read().orElseThrow().published()).isZero();
        log.heal();

        ReplayPublisher.Result resumed = publish(publisher(5, () -> false), events);

        assertThat(resumed).isEqualTo(new ReplayPublisher.Result(6, 4, 2, false));
        assertThat(log.storedIds()).doesNotHaveDuplicates().hasSize(6);
    }

    @Test
    void shouldNotMoveTheCheckpointPastEventsThatWereNotStored() throws IOException {
        // the initial checkpoint and the one after 3 events flush fine, the flush after 6 reports a lost send
        log.failFlushAfter(2);

        assertThatThrownBy(() -> publish(publisher(3, () -> false), events(10)))
                .isInstanceOf(IOException.class).hasMessageContaining("not acknowledged");
        assertThat(checkpoints().read()).get().extracting(Checkpoint::published).isEqualTo(3L);
    }

    @Test
    void shouldRefuseToResumeWhenTheSourceListsOtherFilesBeforeTheCheckpoint() throws IOException {
        List<ReplayEvent> events = events(10);
        publish(publisher(3, () -> log.stored().size() >= 4), events);
        Checkpoint checkpoint = checkpoints().read().orElseThrow();
        List<ReplayEvent> changed = new ArrayList<>(events);
        changed.add(2, ReplayEvent.plan(RUN, List.of(ReplayFile.of("s3://archive/2024/file-01b.bin"))).get(0));
        List<ReplayEvent> grown = new ArrayList<>(events);
        grown.addAll(ReplayEvent.plan(RUN, List.of(ReplayFile.of("s3://archive/2024/file-99.bin"))));

        assertThatThrownBy(() -> ReplayPublisher.checkResumable(checkpoint, RUN, SOURCE, changed))
                .isInstanceOf(ReplayException.class)
                .hasMessageContaining("the source changed since run backfill-1 started")
                .hasMessageContaining("another --run-id");
        assertThatThrownBy(() -> ReplayPublisher.checkResumable(checkpoint, RUN, SOURCE, events.subList(0, 3)))
                .isInstanceOf(ReplayException.class);
        // files added after the checkpoint's position are simply part of the rest of the run
        ReplayPublisher.checkResumable(checkpoint, RUN, SOURCE, grown);
    }

    @Test
    void shouldRefuseACheckpointOfAnotherRunOrSource() throws IOException {
        List<ReplayEvent> events = events(3);
        publish(publisher(3, () -> false), events);
        Checkpoint checkpoint = checkpoints().read().orElseThrow();

        assertThatThrownBy(() -> ReplayPublisher.checkResumable(checkpoint, new RunId("other"), SOURCE, events))
                .hasMessageContaining("the checkpoint is for run backfill-1, not other");
        assertThatThrownBy(() -> ReplayPublisher.checkResumable(checkpoint, RUN, "s3://elsewhere/", events))
                .hasMessageContaining("replays s3://archive/2024/, not s3://elsewhere/");
    }

    @Test
    void shouldPublishNothingWhenResumingAFinishedRun() throws IOException {
        List<ReplayEvent> events = events(4);
        publish(publisher(10, () -> false), events);

        ReplayPublisher.Result again = publish(publisher(10, () -> false), events);

        assertThat(again).isEqualTo(new ReplayPublisher.Result(4, 0, 0, false));
        assertThat(log.stored()).hasSize(4);
    }

    @Test
    void shouldCheckpointAtLeastEveryIntervalAtALowRate() throws IOException {
        // 2 events per second and a 1 s interval: the checkpoint follows every second event, not every 100th
        Pacer pacer = new Pacer(2, clock, clock::advance);
        List<Long> seen = new ArrayList<>();
        ReplayPublisher publisher = new ReplayPublisher(log, checkpoints(), pacer, clock, () -> {
            try {
                checkpoints().read().ifPresent(c -> seen.add(c.published()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return false;
        }, 100, Duration.ofSeconds(1));

        publisher.publish(RUN, SOURCE, events(6), Optional.empty(), new RecordingProgress(progress));

        assertThat(seen).containsExactly(0L, 0L, 0L, 3L, 3L, 5L);
        assertThat(checkpoints().read().orElseThrow().published()).isEqualTo(6);
    }

    /** Writes down what the publisher reports, as lines a test can compare. */
    private record RecordingProgress(List<String> lines) implements ReplayProgress {

        @Override
        public void start(long totalFiles, long totalBytes, long doneFiles, long doneBytes) {
            lines.add("start " + totalFiles + " files, " + totalBytes + " bytes, " + doneFiles + " done");
        }

        @Override
        public void advance(long bytes) {
            lines.add("+" + bytes);
        }

        @Override
        public void close() {
            lines.add("close");
        }
    }
}
