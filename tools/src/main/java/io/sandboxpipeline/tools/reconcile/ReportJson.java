package io.sandboxpipeline.tools.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.tools.reconcile.ReconcileReport.Duplicate;
import io.sandboxpipeline.tools.reconcile.ReconcileReport.InputDuplicate;
import io.sandboxpipeline.tools.reconcile.ReconcileReport.Unanswered;
import io.sandboxpipeline.tools.reconcile.ReconcileReport.Unidentified;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the whole report, every entry of every category, as one JSON document. */
final class ReportJson {

    private ReportJson() {
    }

    static void write(Path file, ReconcileReport report, TopicNames names) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toMap(report, names));
    }

    static Map<String, Object> toMap(ReconcileReport report, TopicNames names) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("result", report.failed() ? "FAILED" : "OK");
        json.put("checkedAt", report.checkedAt().toString());
        json.put("graceSeconds", report.grace().toSeconds());
        json.put("topics", Map.of("input", names.fileArrivals(), "verdicts", names.verdicts(), "deadLetters", names.deadLetters()));
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("inputRecords", report.inputRecords());
        counts.put("events", report.events());
        counts.put("verdicts", report.verdicts());
        counts.put("deadLetters", report.deadLetters());
        counts.put("answered", report.answered());
        counts.put("missing", report.missing().size());
        counts.put("pending", report.pending().size());
        counts.put("duplicated", report.duplicated().size());
        counts.put("orphans", report.orphans().size());
        counts.put("inputDuplicates", report.inputDuplicates().size());
        counts.put("unidentified", report.unidentified().size());
        json.put("counts", counts);
        json.put("missing", report.missing().stream().map(ReportJson::unanswered).toList());
        json.put("pending", report.pending().stream().map(ReportJson::unanswered).toList());
        json.put("duplicated", report.duplicated().stream().map(ReportJson::duplicate).toList());
        json.put("orphans", report.orphans().stream().map(ReportJson::terminal).toList());
        json.put("inputDuplicates", report.inputDuplicates().stream().map(ReportJson::inputDuplicate).toList());
        json.put("unidentified", report.unidentified().stream().map(ReportJson::unidentified).toList());
        return json;
    }

    private static Map<String, Object> unanswered(Unanswered entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventId", entry.eventId());
        json.put("ageSeconds", entry.age() == null ? null : entry.age().toSeconds());
        json.put("age", entry.age() == null ? null : DurationText.format(entry.age()));
        json.put("records", records(entry.records()));
        return json;
    }

    private static Map<String, Object> duplicate(Duplicate entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventId", entry.eventId());
        json.put("inputRecords", entry.inputRecords());
        json.put("terminalRecords", entry.terminals().size());
        json.put("disagree", entry.disagree());
        json.put("outcomes", List.copyOf(entry.outcomes()));
        json.put("terminals", entry.terminals().stream().map(ReportJson::terminal).toList());
        return json;
    }

    private static Map<String, Object> inputDuplicate(InputDuplicate entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventId", entry.eventId());
        json.put("records", records(entry.records()));
        json.put("terminalRecords", entry.terminals());
        return json;
    }

    private static Map<String, Object> unidentified(Unidentified entry) {
        Map<String, Object> json = record(entry.record());
        json.put("answered", entry.answered());
        return json;
    }

    private static Map<String, Object> terminal(TerminalRecord terminal) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", terminal.kind().name());
        json.put("eventId", terminal.eventId());
        json.put("partition", terminal.partition());
        json.put("offset", terminal.offset());
        json.put("outcome", terminal.outcome());
        terminal.sourcePosition().ifPresent(source -> json.put("source", Map.of("topic", source.topic(),
                "partition", source.partition(), "offset", source.offset())));
        return json;
    }

    private static List<Map<String, Object>> records(List<InputRecord> records) {
        return records.stream().map(ReportJson::record).toList();
    }

    private static Map<String, Object> record(InputRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("partition", record.partition());
        json.put("offset", record.offset());
        json.put("timestamp", record.timestamp() == null ? null : record.timestamp().toString());
        json.put("key", record.key());
        json.put("eventId", record.eventId());
        return json;
    }
}
