package io.sandboxpipeline.core.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class DueKeysTest {

    @Test
    void shouldOrderKeysByDueTimeWhateverTheId() {
        Bytes early = DueKeys.of(1_000, "zzzz");
        Bytes late = DueKeys.of(2_000, "aaaa");

        assertThat(early.compareTo(late)).isNegative();
        assertThat(DueKeys.dueAt(late)).isEqualTo(2_000);
        assertThat(DueKeys.id(late)).isEqualTo("aaaa");
    }

    @Test
    void shouldBoundEverythingOverdueAndNothingLater() {
        TreeMap<Bytes, String> index = new TreeMap<>();
        for (long due : List.of(500L, 999L, 1_000L, 1_001L, 5_000L)) {
            index.put(DueKeys.of(due, "flow-" + due), "flow-" + due);
        }

        // what store.range(null, upTo(now)) returns: every key <= the bound
        List<String> overdue = List.copyOf(index.headMap(DueKeys.upTo(1_000), true).values());

        assertThat(overdue).containsExactly("flow-500", "flow-999", "flow-1000");
    }
}
