package io.sandboxpipeline.tools.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.core.topic.TopicNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The printed and the JSON form of a report. */
class ReconcileReportOutputTest {

    private static final TopicNames NAMES = TopicNames.withPrefix("sandbox.");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldPrintAtMostListEntriesPerCategoryAndSayHowManyMore() {
        ReconcileReport report = reportWithMissing(5);

        String printed = print(report, 2);

        assertThat(printed).contains("lost-0").contains("lost-1").doesNotContain("lost-2")
                .contains("... and 3 more (--list N to see more, --json FILE for all)")
                .contains("FAILED: 5 events missing, 0 events duplicated.");
    }

    @Test
    void shouldPrintOnlyTheCountsWithListZero() {
        String printed = print(reportWithMissing(3), 0);

        assertThat(printed).containsPattern("missing +3 ").doesNotContain("lost-0");
    }

    @Test
    void shouldWriteEveryEntryToJsonWhateverTheListLimit() throws Exception {
        ReconcileReport report = reportWithMissing(30);
        Path file = dir.resolve("report.json");

        ReportJson.write(file, report, NAMES);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("result").asText()).isEqualTo("FAILED");
        assertThat(json.get("missing")).hasSize(30);
        assertThat(json.at("/missing/0/ageSeconds").asLong()).isEqualTo(Duration.ofHours(1).plusMinutes(29).toSeconds());
        assertThat(json.at("/missing/0/records/0/partition").asInt()).isZero();
        assertThat(json.at("/topics/input").asText()).isEqualTo("sandbox.file-arrivals");
        assertThat(json.at("/counts/events").asInt()).isEqualTo(30);
    }

    @Test
    void shouldWriteAgesThePeopleReadingThemUse() {
        assertThat(DurationText.format(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(DurationText.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(DurationText.format(Duration.ofSeconds(250))).isEqualTo("4m 10s");
        assertThat(DurationText.format(Duration.ofMinutes(65))).isEqualTo("1h 05m");
        assertThat(DurationText.format(Duration.ofHours(74))).isEqualTo("3d 2h");
        assertThat(DurationText.format(null)).isEqualTo("unknown");
    }

    private static ReconcileReport reportWithMissing(int count) {
        List<InputRecord> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inputs.add(new InputRecord(0, i, NOW.minus(Duration.ofHours(1).plusMinutes(29 - i)), "lost-" + i, "lost-" + i));
        }
        return Reconciler.reconcile(NAMES.fileArrivals(), inputs, List.of(), NOW, Duration.ofMinutes(5));
    }

    private static String print(ReconcileReport report, int list) {
        StringWriter out = new StringWriter();
        TopicSnapshot snapshot = new TopicSnapshot(List.of(), List.of(), 6, Duration.ofMillis(420));
        new ReportText(new PrintWriter(out, true), list).print(report, snapshot, NAMES);
        return out.toString();
    }
}
