package io.sandboxpipeline.core.streams;

import static io.sandboxpipeline.core.testing.CountingStores.inMemory;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class DueCursorTest {

    private final DueCursor cursor = new DueCursor();
    private final KeyValueStore<Bytes, String> index =
            inMemory(new MockProcessorContext<>(), "due-index", Serdes.Bytes(), Serdes.String());

    private void schedule(long dueMs, String id) {
        index.put(DueKeys.of(dueMs, id), id);
        cursor.scheduled(dueMs);
    }

    private List<String> due(long nowMs) {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<Bytes, String> scan = cursor.follow(index.range(DueKeys.of(cursor.fromMs(), ""),
                DueKeys.upTo(nowMs)), DueKeys::dueAt, nowMs)) {
            scan.forEachRemaining(entry -> ids.add(entry.value));
        }
        return ids;
    }

    @Test
    void shouldStartTheNextScanAtTheFirstEntryItFound() {
        schedule(100, "a");
        schedule(200, "b");
        assertThat(due(150)).containsExactly("a");
        index.delete(DueKeys.of(100, "a"));

        assertThat(cursor.fromMs()).isEqualTo(100);
        assertThat(due(250)).containsExactly("b");
        assertThat(cursor.fromMs()).isEqualTo(200);
    }

    @Test
    void shouldMovePastNowWhenNothingIsDueAndBackForAnEarlierEntry() {
        schedule(500, "later");
        assertThat(due(100)).isEmpty();
        assertThat(cursor.fromMs()).isEqualTo(101);

        schedule(50, "postponed-less-than-before"); // e.g. a content moved to another queue keeping its place in time

        assertThat(due(120)).containsExactly("postponed-less-than-before");
    }

    @Test
    void shouldNotMoveOverAnEntryScheduledWhileTheScanWasOpen() {
        schedule(300, "c");
        KeyValueIterator<Bytes, String> scan = cursor.follow(index.range(DueKeys.of(cursor.fromMs(), ""),
                DueKeys.upTo(400)), DueKeys::dueAt, 400);
        schedule(10, "early");
        scan.next();
        scan.close();

        assertThat(due(400)).containsExactly("early", "c");
    }
}
