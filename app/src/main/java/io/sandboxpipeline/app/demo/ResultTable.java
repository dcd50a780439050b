package io.sandboxpipeline.app.demo;

import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demo's result: one row per event, printed as a table and written as JSON lines. */
final class ResultTable {

    private final List<Map<String, Object>> rows = new ArrayList<>();
    private int mismatches;

    ResultTable(Map<String, DemoSamples.Sample> events, String garbageId, Map<String, TerminalRecords.Terminal> terminals,
                boolean checkExpectations) {
        events.forEach((eventId, sample) -> {
            Map<String, Object> row = row(eventId, terminals.get(eventId));
            row.put("file", sample.path().getFileName().toString());
            row.put("sample", sample.what());
            if (checkExpectations) {
                String actual = row.get("status") + " " + row.get("verdict") + " by " + row.get("decidedBy");
                boolean ok = actual.equals(sample.expected());
                row.put("expected", sample.expected());
                row.put("asExpected", ok);
                if (!ok) {
                    mismatches++;
                }
            }
            rows.add(row);
        });
        if (garbageId != null) {
            Map<String, Object> row = row(garbageId, terminals.get(garbageId));
            row.put("file", "(not an event)");
            row.put("sample", "malformed input record");
            String expected = "DEAD_LETTER";
            boolean ok = expected.equals(row.get("status"));
            row.put("expected", expected);
            row.put("asExpected", ok);
            if (!ok) {
                mismatches++;
            }
            rows.add(row);
        }
    }

    private static Map<String, Object> row(String eventId, TerminalRecords.Terminal terminal) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("eventId", eventId);
        if (terminal == null) {
            row.put("status", "MISSING");
            row.put("verdict", null);
            row.put("decidedBy", null);
            return row;
        }
        if (terminal.deadLetter() != null) {
            DeadLetter letter = terminal.deadLetter();
            row.put("status", "DEAD_LETTER");
            row.put("verdict", null);
            row.put("decidedBy", null);
            row.put("reason", letter.getErrorType() + ": " + letter.getReason());
            return row;
        }
        EnrichedVerdict v = terminal.verdict();
        row.put("uri", v.getUri());
        row.put("sha256", v.getSha256());
        row.put("verdict", String.valueOf(v.getVerdict()));
        row.put("threatLevel", v.getThreatLevel());
        row.put("decidedBy", String.valueOf(v.getDecidedBy()));
        row.put("status", String.valueOf(v.getStatus()));
        row.put("reason", v.getReason());
        row.put("flowId", v.getFlowId());
        row.put("archiveVerdict", v.getArchiveVerdict() == null ? null : v.getArchiveVerdict().toString());
        row.put("attempts", v.getAttempts());
        row.put("tags", v.getTags().stream().map(t -> t.getName()).toList());
        row.put("signalGroups", v.getSignalGroups().size());
        row.put("iocs", v.getIocs().stream().map(i -> i.getType() + ":" + i.getValue()).toList());
        return row;
    }

    List<Map<String, Object>> rows() {
        return rows;
    }

    int mismatches() {
        return mismatches;
    }

    void print(PrintStream out) {
        String format = "%-24s %-12s %-17s %-11s %6s %-8s %-24s %s%n";
        out.println();
        out.printf(format, "FILE", "STATUS", "VERDICT", "BY", "THREAT", "ATTEMPTS", "FLOW", "NOTE");
        for (Map<String, Object> row : rows) {
            Object threat = row.get("threatLevel");
            String note = note(row);
            out.printf(format, clip(String.valueOf(row.get("file")), 24), row.get("status"), orDash(row.get("verdict")),
                    orDash(row.get("decidedBy")), threat == null ? "-" : String.format("%.2f", (Double) threat),
                    orDash(row.get("attempts")), orDash(row.get("flowId")), note);
        }
        out.println();
    }

    private static String note(Map<String, Object> row) {
        StringBuilder note = new StringBuilder();
        if (row.get("sample") instanceof String sample && !sample.isEmpty()) {
            note.append(sample);
        }
        if (row.get("reason") instanceof String reason) {
            note.append(note.length() > 0 ? ": " : "").append(clip(reason, 90));
        }
        if (Boolean.FALSE.equals(row.get("asExpected"))) {
            note.append("  << expected ").append(row.get("expected"));
        }
        return note.toString();
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }
}
