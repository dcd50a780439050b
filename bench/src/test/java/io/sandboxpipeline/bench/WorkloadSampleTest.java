package io.sandboxpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadSampleTest {

    @TempDir
    Path dir;

    @Test
    void shouldSampleEventsWithTheWorkloadsShareOfKnownContentsInWorkloadOrder() throws Exception {
        Workload workload = Workload.generate(new WorkloadSpec(400, 160, 0.1, 256, 42), dir);
        long knownEvents = workload.events().stream().filter(e -> e.content().known()).count();

        List<BenchEvent> sample = workload.representativeSample(10);

        assertThat(sample).hasSize(10);
        assertThat(sample.stream().filter(e -> e.content().known()).count())
                .isEqualTo(Math.round(10.0 * knownEvents / workload.events().size()));
        assertThat(sample).isSortedAccordingTo(Comparator.comparing(e -> workload.events().indexOf(e)));
    }
}
