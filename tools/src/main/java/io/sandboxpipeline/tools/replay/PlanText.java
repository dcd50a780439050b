package io.sandboxpipeline.tools.replay;

import java.io.PrintWriter;
import java.util.List;

/** What a run is about to do, as the command prints it before publishing (and instead of it, for a dry run). */
final class PlanText {

    private PlanText() {
    }

    /** One line: the source, the run, how many files and bytes, how many an earlier attempt published. */
    static void header(PrintWriter out, String description, RunId run, List<ReplayEvent> events, long done) {
        long bytes = events.stream().mapToLong(e -> e.file().knownSize().orElse(0L)).sum();
        long unknown = events.stream().filter(e -> e.file().size() == null).count();
        out.printf("Replay of %s as run %s: %d files, %s%s%s%n", description, run, events.size(), ByteSize.format(bytes),
                unknown == 0 ? "" : " (" + unknown + " of unknown size)",
                done == 0 ? "" : "; " + done + " already published, " + (events.size() - done) + " to go");
    }

    /** Every event still to publish (size, event id, uri) and the totals. */
    static void dryRun(PrintWriter out, List<ReplayEvent> events, long done) {
        List<ReplayEvent> remaining = events.subList((int) done, events.size());
        out.println("Dry run: nothing is published. These events would be:");
        for (ReplayEvent event : remaining) {
            out.printf("  %-10s %s  %s%n", event.file().knownSize().map(ByteSize::format).orElse("?"), event.eventId(), event.file().uri());
        }
        long bytes = remaining.stream().mapToLong(e -> e.file().knownSize().orElse(0L)).sum();
        out.printf("Would publish %d events for %s of files.%n", remaining.size(), ByteSize.format(bytes));
    }
}
