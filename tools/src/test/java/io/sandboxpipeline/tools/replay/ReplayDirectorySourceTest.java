package io.sandboxpipeline.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayDirectorySourceTest {

    @TempDir
    Path dir;

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    @Test
    void shouldListEveryFileBelowTheDirectorySortedByRelativePath() throws IOException {
        // given: created out of order, nested at different depths
        write("b.txt", "bb");
        write("a/z.txt", "z");
        write("a/b/c.txt", "ccc");
        write("A-upper.txt", "A");
        write("a.txt", "a");
        Files.createDirectories(dir.resolve("empty/dir"));

        // when
        List<ReplayFile> files = new DirectorySource(dir, Set.of()).list();

        // then
        assertThat(files).extracting(f -> dir.relativize(Path.of(URI.create(f.uri()))).toString().replace('\\', '/'))
                .containsExactly("A-upper.txt", "a.txt", "a/b/c.txt", "a/z.txt", "b.txt");
        assertThat(files).extracting(ReplayFile::size).containsExactly(1L, 1L, 3L, 1L, 2L);
        assertThat(files).extracting(ReplayFile::name).containsExactly("A-upper.txt", "a.txt", "c.txt", "z.txt", "b.txt");
        assertThat(files).allSatisfy(f -> {
            assertThat(f.uri()).startsWith("file:/");
            assertThat(f.storedAt()).isNotNull();
            assertThat(f.sha256()).isNull();
        });
    }

    @Test
    void shouldListTheSameOrderEveryTime() throws IOException {
        for (int i = 0; i < 30; i++) {
            write("d" + (i % 4) + "/f-" + (i * 7919 % 97) + ".bin", "x".repeat(i));
        }
        DirectorySource source = new DirectorySource(dir, Set.of());

        assertThat(source.list()).isEqualTo(source.list());
        assertThat(source.list()).extracting(ReplayFile::uri).isSorted();
    }

    @Test
    void shouldLeaveOutTheReplaysOwnFilesAndSymbolicLinks() throws IOException {
        // given
        write("data/one.txt", "1");
        write("data/.sandbox-pipeline-replay/run.checkpoint", "published=1");
        write("data/report.csv", "event_id,uri");
        Path target = write("elsewhere/secret.txt", "outside");
        Files.createSymbolicLink(dir.resolve("data/link.txt"), target);

        // when
        List<ReplayFile> files = new DirectorySource(dir.resolve("data"),
                Set.of(dir.resolve("data/.sandbox-pipeline-replay"), dir.resolve("data/report.csv"))).list();

        // then
        assertThat(files).extracting(ReplayFile::name).containsExactly("one.txt");
    }

    @Test
    void shouldRefuseAPathThatIsNotADirectory() throws IOException {
        Path file = write("plain.txt", "x");

        assertThatThrownBy(() -> new DirectorySource(file, Set.of()).list()).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a directory");
    }
}
