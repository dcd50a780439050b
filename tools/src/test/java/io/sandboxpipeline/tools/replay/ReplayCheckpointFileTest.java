package io.sandboxpipeline.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCheckpointFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadBackWhatItWroteAndLeaveNoTemporaryFile() throws IOException {
        CheckpointFile file = new CheckpointFile(dir.resolve("nested/run-1.checkpoint"));
        Checkpoint checkpoint = new Checkpoint(new RunId("run-1"), "s3://b/p=1 x:y#z", 42, "s3://b/p%3D1/x%20y",
                "ab".repeat(32), Map.of(0, 17L, 1, 25L, 10, 3L), Instant.parse("2025-03-01T10:00:00.123Z"));

        file.write(checkpoint);
        file.write(checkpoint);

        assertThat(file.read()).contains(checkpoint);
        try (var files = Files.list(dir.resolve("nested"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("run-1.checkpoint");
        }
    }

    @Test
    void shouldHaveNoCheckpointBeforeTheFirstWrite() throws IOException {
        CheckpointFile file = new CheckpointFile(dir.resolve("none.checkpoint"));

        assertThat(file.exists()).isFalse();
        assertThat(file.read()).isEmpty();
    }

    @Test
    void shouldSayHowToGoOnWhenTheFileIsDamaged() throws IOException {
        Path path = Files.writeString(dir.resolve("bad.checkpoint"), "run.id=r\npublished=many\n");

        assertThatThrownBy(() -> new CheckpointFile(path).read())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is damaged")
                .hasMessageContaining("delete it to start the run over");
    }
}
