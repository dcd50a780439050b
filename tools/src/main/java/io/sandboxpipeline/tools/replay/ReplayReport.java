package io.sandboxpipeline.tools.replay;

import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code --report} CSV: one row per event of the run, in the listing's order, with its terminal record. UTF-8,
 * a header row, RFC 4180 quoting, LF line ends. An event without a terminal record has status {@code MISSING}; a
 * dead-lettered one {@code DEAD_LETTER}, with the error type and reason.
 */
final class ReplayReport {

    static final List<String> HEADER = List.of("event_id", "uri", "sha256", "status", "verdict", "threat_level", "decided_by",
            "flow_id", "reason");

    private ReplayReport() {
    }

    /** Writes the report and says so on {@code out}; false, with the reason on {@code err}, when it cannot. */
    static boolean writeTo(Path file, List<ReplayEvent> events, Map<String, EventOutcome> outcomes, PrintWriter out,
                           PrintWriter err) {
        try {
            write(file, events, outcomes);
            out.println("Wrote " + events.size() + " rows to " + file);
            return true;
        } catch (IOException e) {
            err.println("Cannot write " + file + ": " + e.getMessage());
            return false;
        }
    }

    static void write(Path file, List<ReplayEvent> events, Map<String, EventOutcome> outcomes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write(Csv.row(HEADER));
            writer.write('\n');
            for (ReplayEvent event : events) {
                writer.write(Csv.row(row(event, outcomes.get(event.eventId()))));
                writer.write('\n');
            }
        }
    }

    static List<String> row(ReplayEvent event, EventOutcome outcome) {
        List<String> row = new ArrayList<>(List.of(event.eventId(), event.file().uri()));
        if (outcome == null) {
            row.addAll(Arrays.asList(event.file().sha256(), ReplaySummary.MISSING, null, null, null, null,
                    "no verdict or dead letter before --timeout"));
        } else if (outcome.verdict() != null) {
            EnrichedVerdict v = outcome.verdict();
            row.addAll(Arrays.asList(v.getSha256() != null ? v.getSha256() : event.file().sha256(), v.getStatus().name(),
                    v.getVerdict().name(), v.getThreatLevel() == null ? null : v.getThreatLevel().toString(),
                    v.getDecidedBy().name(), v.getFlowId(), v.getReason()));
        } else {
            DeadLetter d = outcome.deadLetter();
            row.addAll(Arrays.asList(event.file().sha256(), ReplaySummary.DEAD_LETTER, null, null, null, null,
                    d.getErrorType() + ": " + d.getReason()));
        }
        return row;
    }
}
