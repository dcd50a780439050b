package io.sandboxpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.core.source.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadTest {

    @TempDir
    Path dir;

    @Test
    void shouldPublishEveryContentAtLeastOnceAndRepeatTheRest() throws Exception {
        Workload workload = Workload.generate(new WorkloadSpec(100, 40, 0.1, 256, 7), dir);

        assertThat(workload.events()).hasSize(100);
        assertThat(Workload.uniqueHashes(workload.events())).hasSize(40);
        assertThat(workload.events()).extracting(BenchEvent::eventId).doesNotHaveDuplicates();
        assertThat(workload.events()).extracting(BenchEvent::file).doesNotHaveDuplicates();
        assertThat(workload.spec().duplicateShare()).isEqualTo(0.6);
    }

    @Test
    void shouldGiveEveryEventAFileWithTheContentItClaims() throws Exception {
        Workload workload = Workload.generate(new WorkloadSpec(30, 10, 0.2, 300, 7), dir);

        for (BenchEvent event : workload.events()) {
            assertThat(Sha256.of(event.file()).sha256()).isEqualTo(event.sha256());
            assertThat(Files.size(event.file())).isEqualTo(300);
        }
    }

    @Test
    void shouldMarkTheKnownShareOfContentsForTheReputationToLearn() throws Exception {
        Workload workload = Workload.generate(new WorkloadSpec(50, 20, 0.1, 256, 7), dir);

        List<Content> known = workload.knownContents();
        assertThat(known).hasSize(2);
        for (Content content : workload.contents()) {
            String text = Files.readString(content.file(), StandardCharsets.US_ASCII);
            assertThat(text.contains(Workload.KNOWN_MARKER)).as(content.file().toString()).isEqualTo(content.known());
            assertThat(text).doesNotContain("SANDBOX-TEST:FAIL").doesNotContain("EICAR");
        }
        long knownEvents = Workload.knownEvents(workload.events());
        assertThat(Workload.scannedHashes(workload.events())).hasSize(18);
        assertThat(workload.events().stream().filter(BenchEvent::known).count()).isEqualTo(knownEvents).isPositive();
    }

    @Test
    void shouldGenerateTheSameWorkloadFromTheSameSeed() throws Exception {
        Workload first = Workload.generate(new WorkloadSpec(60, 25, 0.1, 256, 99), dir.resolve("a"));
        Workload second = Workload.generate(new WorkloadSpec(60, 25, 0.1, 256, 99), dir.resolve("b"));
        Workload other = Workload.generate(new WorkloadSpec(60, 25, 0.1, 256, 100), dir.resolve("c"));

        assertThat(second.events()).extracting(BenchEvent::sha256)
                .containsExactlyElementsOf(first.events().stream().map(BenchEvent::sha256).toList());
        assertThat(Set.copyOf(other.events().stream().map(BenchEvent::sha256).toList()))
                .doesNotContainAnyElementsOf(first.events().stream().map(BenchEvent::sha256).toList());
    }

    @Test
    void shouldExplainAnImpossibleWorkload() {
        assertThatThrownBy(() -> new WorkloadSpec(10, 20, 0.1, 256, 1))
                .hasMessageContaining("--unique must be between 1 and --events (10)");
        assertThatThrownBy(() -> new WorkloadSpec(10, 5, 1.5, 256, 1))
                .hasMessageContaining("--known-share must be a share between 0 and 1");
    }
}
