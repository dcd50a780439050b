package io.sandboxpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteDistinctContentsOfTheSizeWhoseHashTheItemCarries() throws Exception {
        GeneratedFiles files = new GeneratedFiles(dir, "backlog", 42, 128);

        files.write(0, 1_200);

        GeneratedFiles.Item item = files.item(1_100);
        byte[] content = Files.readAllBytes(item.file());
        assertThat(content).hasSize(128);
        assertThat(item.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(item.file().getParent().getFileName().toString()).isEqualTo("1");
        assertThat(IntStream.range(0, 1_200).mapToObj(i -> files.item(i).sha256()).distinct()).hasSize(1_200);
        assertThat(new GeneratedFiles(dir, "live", 42, 128).item(0).sha256()).isNotEqualTo(files.item(0).sha256());
    }
}
