package io.sandboxpipeline.bench;

import io.sandboxpipeline.emulator.Endpoint;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The readable report: one column per system, then the cache, hash and large-file figures, then the targets. */
final class BenchTable {

    private static final String ROW = "%-38s %14s %14s %14s%n";
    private static final List<Endpoint> SHOWN_ENDPOINTS = List.of(Endpoint.REPUTATION_HASH,
            Endpoint.REPUTATION_HASH_BULK, Endpoint.SCAN_FILE, Endpoint.REPORT, Endpoint.SYSTEM_CONFIG,
            Endpoint.USERS_ME, Endpoint.OTHER);

    private final PrintStream out;

    BenchTable(PrintStream out) {
        this.out = out;
    }

    void print(BenchResults results) {
        out.println();
        out.printf(Locale.ROOT, "Machine: %d cores, Java %s, load average %.1f at start and %.1f at end%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                results.load().atStart(), results.load().atEnd());
        results.comparison().ifPresent(comparison -> printComparison(results, comparison));
        results.cache().ifPresent(this::printCache);
        results.hash().ifPresent(this::printHash);
        results.large().ifPresent(this::printLarge);
        results.backlog().ifPresent(backlog -> new BacklogTable(out).print(backlog));
        printTargets(results);
    }

    private void printComparison(BenchResults results, PipelineBench.Comparison c) {
        WorkloadSpec w = results.workload();
        SandboxSpec s = results.sandbox();
        out.printf(Locale.ROOT, "Workload: %d events, %d unique contents (%.0f%% duplicates), %d known to reputation; "
                        + "scan %s s, pollPause %d s, quota %s, latency %s%n", w.events(), w.unique(),
                w.duplicateShare() * 100, w.knownUnique(), seconds(s.scanDuration()), s.pollPause(),
                s.hasQuota() ? s.quotaRps() + " req/s" : "none", s.latency().isEmpty() ? "none" : s.latency());
        out.printf(Locale.ROOT, ROW, "", "pipeline", "pool(" + results.baselines().poolThreads() + ")", "sequential");
        List<SystemResult> systems = List.of(c.pipeline(), c.pool(), c.sequential());
        row("events (completed)", systems, r -> r.completed() + "/" + r.events());
        row("unique hashes (scanned)", systems, r -> r.uniqueHashes() + " (" + r.scannedHashes() + ")");
        row("wall seconds (makespan)", systems, r -> f(r.wallSeconds(), 1));
        row("events/s", systems, r -> f(r.eventsPerSecond(), 2));
        for (Endpoint endpoint : SHOWN_ENDPOINTS) {
            if (systems.stream().anyMatch(r -> r.calls().requests(endpoint) > 0)) {
                row("Sandbox calls " + endpoint, systems, r -> Long.toString(r.calls().requests(endpoint)));
            }
        }
        row("  of which report polls / other", systems, r -> r.polls().polls() + " / " + r.otherReportRequests());
        row("  answered 429", systems, r -> Long.toString(r.calls().statuses().getOrDefault(429, 0L)));
        row("submissions per unique hash", systems, r -> f(r.submissionsPerScannedHash(), 2));
        row("reputation calls per unique hash", systems, r -> f(r.reputationCallsPerUniqueHash(), 2));
        row("polls per scan (max) [min " + c.pipeline().minPollsPerScan() + "]", systems,
                r -> f(r.polls().perScan(), 2) + " (" + r.polls().maxPolls() + ")");
        row("latency p50 s", systems, r -> seconds(r.latency().p50()));
        row("latency p95 s", systems, r -> seconds(r.latency().p95()));
        row("latency p99 s", systems, r -> seconds(r.latency().p99()));
        row("makespan / lower bound", systems, r -> f(r.makespanOverLowerBound(), 2) + " of " + seconds(r.lowerBound()) + " s");
        row("peak heap MiB", systems, r -> Long.toString(r.heap().sampledBytes() >> 20));
        out.printf(Locale.ROOT, "Ratios: pipeline/sequential %.1fx, pipeline/pool %.1fx (exactly-once %s)%n%n",
                c.pipelineOverSequential(), c.pipelineOverPool(), c.exactlyOnce() ? "on" : "off");
    }

    private void row(String label, List<SystemResult> systems, Function<SystemResult, String> value) {
        out.printf(Locale.ROOT, ROW, label, value.apply(systems.get(0)), value.apply(systems.get(1)),
                value.apply(systems.get(2)));
    }

    private void printCache(CacheBench.Result c) {
        out.printf(Locale.ROOT, "Cache hits: %d/%d events in %.2f s = %.0f events/s (steady %.0f/s; events %s sha256, "
                        + "exactly-once %s); %d Sandbox calls; latency p50 %s s, p99 %s s; peak heap %d MiB%s%n%n",
                c.completed(), c.spec().events(), c.wall().toMillis() / 1000.0, c.eventsPerSecond(),
                c.steadyEventsPerSecond(), c.spec().carrySha256() ? "carry" : "without", c.exactlyOnce() ? "on" : "off",
                c.calls().totalRequests(), seconds(c.latency().p50()), seconds(c.latency().p99()),
                c.heap().sampledBytes() >> 20, c.complete() ? "" : "  (INCOMPLETE)");
    }

    private void printHash(HashBench.Result h) {
        out.printf(Locale.ROOT, "SHA-256 of %d MiB: ours %.2f GB/s (heap +%d KiB), openssl %s, ratio %s%s%n%n",
                h.bytes() >> 20, h.oursGbPerSecond(), h.heapGrowthBytes() >> 10,
                h.opensslGbPerSecond().map(v -> f(v, 2) + " GB/s").orElse("-"),
                h.ratio().map(v -> f(v, 2)).orElse("-"),
                (h.digestsAgree() ? "" : "  DIGESTS DIFFER") + (h.note().isEmpty() ? "" : "  (" + h.note() + ")"));
    }

    private void printLarge(LargeFileBench.Result l) {
        out.printf(Locale.ROOT, "Large file: %d MiB with -Xmx%s %s in %.1f s (pipeline publish-to-verdict %s s)%s%n%n",
                l.bytes() >> 20, l.maxHeap(), l.success() ? "succeeded" : "FAILED", l.wallSeconds(),
                l.publishToVerdictSeconds().map(v -> f(v, 1)).orElse("-"), l.note().isEmpty() ? "" : ": " + l.note());
    }

    private void printTargets(BenchResults results) {
        out.println("Targets:");
        for (Targets.Target target : Targets.evaluate(results)) {
            String mark = target.met().map(met -> met ? "MET" : "NOT MET").orElse("not run");
            out.printf(Locale.ROOT, "  %-8s %-50s target %-22s measured %s%n", mark, target.description(),
                    target.target(), target.measured());
        }
    }

    private static String f(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String seconds(Duration duration) {
        return f(duration.toMillis() / 1000.0, duration.toMillis() % 1000 == 0 ? 0 : 2);
    }
}
