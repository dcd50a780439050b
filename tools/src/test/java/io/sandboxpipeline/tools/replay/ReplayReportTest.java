package io.sandboxpipeline.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.Verdict;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayReportTest {

    @TempDir
    Path dir;

    @Test
    void shouldQuoteOnlyFieldsThatNeedIt() {
        assertThat(Csv.field("plain value")).isEqualTo("plain value");
        assertThat(Csv.field(null)).isEmpty();
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("cr\ronly")).isEqualTo("\"cr\ronly\"");
        assertThat(Csv.row(Arrays.asList("a", null, "b,c"))).isEqualTo("a,,\"b,c\"");
    }

    @Test
    void shouldWriteOneRowPerEventThatACsvReaderReadsBackUnchanged() throws IOException {
        // given: a uri with a comma and a quote, a reason with a line break, a dead letter and an event never answered
        List<ReplayEvent> events = ReplayEvent.plan(new RunId("run-1"), List.of(
                new ReplayFile("s3://b/q1,\"final\".pdf", null, 10L, null, null, null),
                ReplayFile.of("s3://b/failed.bin"),
                new ReplayFile("s3://b/bad.txt", null, null, "cd".repeat(32), null, null),
                ReplayFile.of("s3://b/late.txt")));
        Map<String, EventOutcome> outcomes = Map.of(
                events.get(0).eventId(), TestOutcomes.done(events.get(0), Verdict.SUSPICIOUS, Decider.SANDBOX, "flow-1", 1),
                events.get(1).eventId(), EventOutcome.of(TestOutcomes.verdict(events.get(1), OutcomeStatus.FAILED,
                        Verdict.UNKNOWN, Decider.NONE, null, 3, "scan failed:\n\"job.error\", 3 attempts")),
                events.get(2).eventId(), TestOutcomes.deadLetter(events.get(2), "INVALID_EVENT", "uri, says the submitter"));
        Path report = dir.resolve("out/report.csv");

        // when
        ReplayReport.write(report, events, outcomes);

        // then
        List<CsvRecords.CsvRecord> rows = CsvRecords.read(new StringReader(Files.readString(report, StandardCharsets.UTF_8)));
        assertThat(rows).hasSize(5).allSatisfy(row -> assertThat(row.error()).isNull());
        assertThat(rows.get(0).fields()).containsExactly("event_id", "uri", "sha256", "status", "verdict", "threat_level",
                "decided_by", "flow_id", "reason");
        assertThat(rows.get(1).fields()).containsExactly(events.get(0).eventId(), "s3://b/q1,\"final\".pdf", "ab".repeat(32),
                "DONE", "SUSPICIOUS", "0.1", "SANDBOX", "flow-1", "");
        assertThat(rows.get(2).fields()).containsExactly(events.get(1).eventId(), "s3://b/failed.bin", "ab".repeat(32),
                "FAILED", "UNKNOWN", "", "NONE", "", "scan failed:\n\"job.error\", 3 attempts");
        assertThat(rows.get(3).fields()).containsExactly(events.get(2).eventId(), "s3://b/bad.txt", "cd".repeat(32),
                "DEAD_LETTER", "", "", "", "", "INVALID_EVENT: uri, says the submitter");
        assertThat(rows.get(4).fields()).containsExactly(events.get(3).eventId(), "s3://b/late.txt", "", "MISSING", "", "",
                "", "", "no verdict or dead letter before --timeout");
        // the record after the multi-line reason still starts on its own line
        assertThat(rows.get(3).line()).isEqualTo(5);
    }
}
