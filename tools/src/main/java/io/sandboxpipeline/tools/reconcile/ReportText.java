package io.sandboxpipeline.tools.reconcile;

import io.sandboxpipeline.core.topic.TopicNames;
import io.sandboxpipeline.tools.reconcile.ReconcileReport.Duplicate;
import io.sandboxpipeline.tools.reconcile.ReconcileReport.InputDuplicate;
import io.sandboxpipeline.tools.reconcile.ReconcileReport.Unanswered;
import io.sandboxpipeline.tools.reconcile.ReconcileReport.Unidentified;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Prints a reconciliation report for people: the counts, then up to {@code list} entries per category. */
final class ReportText {

    private final PrintWriter out;
    private final int list;

    /**
     * @param out  where to print
     * @param list how many entries to print per category (the JSON report has them all)
     */
    ReportText(PrintWriter out, int list) {
        if (list < 0) {
            throw new IllegalArgumentException("--list must be zero or more, got " + list);
        }
        this.out = out;
        this.list = list;
    }

    void print(ReconcileReport report, TopicSnapshot snapshot, TopicNames names) {
        out.printf("Reconciled %s against %s and %s%n", names.fileArrivals(), names.verdicts(), names.deadLetters());
        out.printf("  up to the end offsets at %s (read_committed): %d partitions read in %s%n%n",
                report.checkedAt(), snapshot.partitions(), DurationText.format(snapshot.took()));
        printCounts(report, snapshot);
        section("Missing (no terminal record, oldest first)", report.missing(), this::unanswered);
        section("Pending (no terminal record yet, within the grace period)", report.pending(), this::unanswered);
        section("Duplicated", report.duplicated(), ReportText::duplicate);
        section("Orphans (terminal records that answer no input record read)", report.orphans(), ReportText::orphan);
        section("Input duplicates (event ids published more than once)", report.inputDuplicates(), ReportText::inputDuplicate);
        section("Unidentified input records (neither eventId nor key)", report.unidentified(), ReportText::unidentified);
        out.println();
        out.println(verdict(report));
        out.flush();
    }

    private void printCounts(ReconcileReport report, TopicSnapshot snapshot) {
        String grace = DurationText.format(report.grace());
        count("input records", report.inputRecords(), report.events() + " events"
                + (snapshot.unreadableInputs() > 0 ? "; " + snapshot.unreadableInputs() + " not a readable FileArrival (known by key, else by offset)" : ""));
        count("terminal records", report.verdicts() + report.deadLetters(), report.verdicts() + " verdicts, "
                + report.deadLetters() + " dead letters"
                + (snapshot.unreadableTerminals() > 0 ? "; " + snapshot.unreadableTerminals() + " not readable, known by key" : ""));
        count("answered", report.answered(), "events with their terminal record");
        count("missing", report.missing().size(), "events without a terminal record, older than " + grace);
        count("pending", report.pending().size(), "events without a terminal record yet, younger than " + grace);
        count("duplicated", report.duplicated().size(), "events answered more often than they were published");
        count("orphans", report.orphans().size(), "terminal records for no input record read (not a failure)");
        count("input duplicates", report.inputDuplicates().size(), "event ids published more than once (not a failure)");
        long answered = report.unidentified().stream().filter(Unidentified::answered).count();
        count("unidentified", report.unidentified().size(), "input records with neither eventId nor key, "
                + answered + " answered by a dead letter naming their offset");
    }

    private void count(String label, long value, String meaning) {
        out.printf("  %-17s %6d  %s%n", label, value, meaning);
    }

    private <T> void section(String title, List<T> entries, Function<T, String> line) {
        if (entries.isEmpty() || list == 0) {
            return;
        }
        out.println();
        out.println(title + ":");
        entries.stream().limit(list).forEach(entry -> out.println("  " + line.apply(entry)));
        if (entries.size() > list) {
            out.printf("  ... and %d more (--list N to see more, --json FILE for all)%n", entries.size() - list);
        }
    }

    private String unanswered(Unanswered entry) {
        return String.format("%-36s age %-9s %s", id(entry.eventId()), DurationText.format(entry.age()),
                positions(entry.records()));
    }

    private static String duplicate(Duplicate entry) {
        String agreement = entry.disagree()
                ? "they disagree: " + String.join(" | ", entry.outcomes())
                : "all " + entry.outcomes().iterator().next();
        return String.format("%-36s %d terminal records for %d input record%s, %s (%s)", id(entry.eventId()),
                entry.terminals().size(), entry.inputRecords(), entry.inputRecords() == 1 ? "" : "s", agreement,
                entry.terminals().stream().map(TerminalRecord::where).collect(Collectors.joining(", ")));
    }

    private static String orphan(TerminalRecord terminal) {
        return String.format("%-36s %-28s %s", id(terminal.eventId()), terminal.outcome(), terminal.where());
    }

    private static String inputDuplicate(InputDuplicate entry) {
        return String.format("%-36s %d input records (%s), %d terminal record%s", entry.eventId(), entry.records().size(),
                positions(entry.records()), entry.terminals(), entry.terminals() == 1 ? "" : "s");
    }

    private static String unidentified(Unidentified entry) {
        return String.format("file-arrivals %d@%d  %s", entry.record().partition(), entry.record().offset(),
                entry.answered() ? "answered by a dead letter naming its offset" : "no dead letter names it");
    }

    private static String positions(List<InputRecord> records) {
        return "file-arrivals " + records.stream().map(r -> r.partition() + "@" + r.offset()).collect(Collectors.joining(", "));
    }

    private static String id(String eventId) {
        return eventId == null ? "(no id)" : eventId;
    }

    private static String verdict(ReconcileReport report) {
        if (!report.failed()) {
            return String.format("OK: nothing missing, nothing duplicated (%d events, %d still pending).",
                    report.events(), report.pending().size());
        }
        return String.format("FAILED: %d event%s missing, %d event%s duplicated.",
                report.missing().size(), report.missing().size() == 1 ? "" : "s",
                report.duplicated().size(), report.duplicated().size() == 1 ? "" : "s");
    }
}
