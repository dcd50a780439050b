package io.sandboxpipeline.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/** The backlog mode's part of the report: the two windows side by side, the live latencies, its own targets. */
final class BacklogTable {

    private static final String ROW = "%-40s %14s %14s%n";

    private final PrintStream out;

    BacklogTable(PrintStream out) {
        this.out = out;
    }

    void print(BacklogResult r) {
        BacklogSpec s = r.spec();
        out.printf(Locale.ROOT, "Backlog: %d replay events (%d in the small window), upload quota %s/s%s, a live event "
                        + "every %s s, windows of %s s, exactly-once %s%s%n", s.events(), s.smallEvents(),
                f(s.quota(), 1), s.sandboxEnforces() ? " (the emulator enforces it too)" : " (the pipeline's only)",
                f(BacklogResult.seconds(s.liveInterval()), 1), f(BacklogResult.seconds(s.window()), 0),
                r.exactlyOnce() ? "on" : "off", r.complete() ? "" : "  (INCOMPLETE)");
        out.printf(Locale.ROOT, ROW, "", "small", "full backlog");
        row("backlog pending at window start (about)", Long.toString(r.small().pendingAtStart()),
                Long.toString(r.large().pendingAtStart()));
        row("submitter stream-thread CPU s/s", f(r.small().submitterCpuPerSecond(), 3),
                f(r.large().submitterCpuPerSecond(), 3));
        row("whole JVM CPU s/s", f(r.small().processCpuPerSecond(), 2), f(r.large().processCpuPerSecond(), 2));
        row("uploads/s (answered 429)", f(r.small().uploadsPerSecond(), 2) + " (" + r.small().refused() + ")",
                f(r.large().uploadsPerSecond(), 2) + " (" + r.large().refused() + ")");
        row("retained heap MiB before / after", mib(r.small()), mib(r.large()));
        row("seconds to read the part published", f(BacklogResult.seconds(r.smallIngest()), 1),
                f(BacklogResult.seconds(r.largeIngest()), 1));
        out.printf(Locale.ROOT, "Live latency p50 / p99 s (events):");
        for (BacklogPhase phase : BacklogPhase.values()) {
            LatencyStats stats = r.live().of(phase);
            out.printf(Locale.ROOT, " %s %s / %s (%d%s)", BacklogJson.camel(phase),
                    f(BacklogResult.seconds(stats.p50()), 1), f(BacklogResult.seconds(stats.p99()), 1), stats.count(),
                    r.live().missing(phase) == 0 ? "" : ", " + r.live().missing(phase) + " without verdict");
        }
        out.println();
        out.printf(Locale.ROOT, "Reputation: %d requests for %d distinct hashes (%d asked); ratios: CPU %s, quota use "
                        + "%s, live latency %s, heap %s%n", r.reputation().calls(), r.reputation().distinctHashes(),
                r.reputation().hashesAsked(), ratio(r.cpuRatio()), f(r.quotaUtilisation(), 2),
                ratio(r.liveLatencyRatio()), ratio(r.heapRatio()));
        out.println("Backlog targets:");
        for (Targets.Target target : BacklogTargets.evaluate(r)) {
            String mark = target.met().map(met -> met ? "MET" : "NOT MET").orElse("-");
            out.printf(Locale.ROOT, "  %-8s %-50s target %-10s measured %s%n", mark, target.description(),
                    target.target(), target.measured());
        }
        out.println();
    }

    private void row(String label, String small, String large) {
        out.printf(Locale.ROOT, ROW, label, small, large);
    }

    private static String mib(BacklogResult.Window window) {
        return (window.retainedHeapBefore() >> 20) + " / " + (window.retainedHeapAfter() >> 20);
    }

    private static String ratio(Optional<Double> ratio) {
        return ratio.map(value -> f(value, 2)).orElse("-");
    }

    private static String f(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
