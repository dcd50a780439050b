package io.sandboxpipeline.submitter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestCountsTest {

    @Test
    void shouldCountExactlyWhenStreamThreadsCountAtOnce() throws Exception {
        IngestCounts counts = new IngestCounts();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        counts.recordArrival();
                        counts.recordDuplicate();
                        counts.recordIgnoredEventType("ObjectRemoved:Delete");
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(counts.arrivals()).isEqualTo(40_000);
        assertThat(counts.duplicates()).isEqualTo(40_000);
        assertThat(counts.ignoredEventType("ObjectRemoved:Delete")).isEqualTo(40_000);
    }

    @Test
    void shouldBoundHowManyEventNamesItKeepsApart() {
        IngestCounts counts = new IngestCounts();
        for (int i = 0; i < IngestCounts.MAX_EVENT_TYPE_NAMES + 50; i++) {
            counts.recordIgnoredEventType("Made:Up" + i);
        }

        assertThat(counts.ignoredEventTypes()).hasSize(IngestCounts.MAX_EVENT_TYPE_NAMES + 1);
        assertThat(counts.ignoredEventTypes().get(IngestCounts.OTHER_EVENT_TYPES)).isEqualTo(50);
        assertThat(counts.ignoredEventTypes().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(IngestCounts.MAX_EVENT_TYPE_NAMES + 50);
    }
}
