package io.sandboxpipeline.bench;

import io.sandboxpipeline.emulator.Endpoint;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The readable report: one column per system, then the cache, hash, large-file and steady-arrival figures, then the
 * targets.
 */
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
        results.steady().ifPresent(this::printSteady);
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
        row("makespan / floor", systems, r -> f(r.makespanOverFloor(), 2) + " of " + seconds(r.floor()) + " s");
        row("peak heap MiB", systems, r -> Long.toString(r.heap().sampledBytes() >> 20));
        out.printf(Locale.ROOT, "Ratios: pipeline/sequential %.1fx, pipeline/pool %.1fx (exactly-once %s)%n%n",
                c.pipelineOverSequential(), c.pipelineOverPool(), c.exactlyOnce() ? "on" : "off");
    }

    private void row(String label, List<SystemResult> systems, Function<SystemResult, String> value) {
        out.printf(Locale.ROOT, ROW, label, value.apply(systems.get(0)), value.apply(systems.get(1)),
                value.apply(systems.get(2)));
    }

    private void printCache(CacheBench.Result c) {
        out.printf(Locale.ROOT, "Cache hits: %d events over %d contents, exactly-once %s%n", c.spec().events(),
                c.spec().unique(), c.exactlyOnce() ? "on" : "off");
        printCachePhase("  events carry sha256:", c.carriedSha256());
        printCachePhase("  pipeline hashes files:", c.hashed());
        out.println();
    }

    private void printCachePhase(String label, CachePhase p) {
        out.printf(Locale.ROOT, "%-25s %d/%d in %.2f s = %.0f events/s (steady %.0f/s); %d Sandbox calls; latency p50 "
                        + "%s s, p99 %s s; peak heap %d MiB%s%n", label, p.completed(), p.events(),
                p.wall().toMillis() / 1000.0, p.eventsPerSecond(), p.steadyEventsPerSecond(), p.calls().totalRequests(),
                seconds(p.latency().p50()), seconds(p.latency().p99()), p.heap().sampledBytes() >> 20,
                p.complete() ? "" : "  (INCOMPLETE)");
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

    private void printSteady(SteadyBench.Result r) {
        out.printf(Locale.ROOT, "Steady arrivals: %d events at %s/s for %d s (%d unique, %d known), quota %s; the pool "
                        + "script de-duplicates%n", r.workload().events(), r.spec().ratePerSecond(),
                r.spec().duration().toSeconds(), r.workload().unique(), r.workload().knownUnique(),
                r.spec().quotaRps() > 0 ? r.spec().quotaRps() + " req/s" : "none");
        List<SteadyResult> systems = List.of(r.pipeline(), r.pool());
        steadyRow("", systems, SteadyResult::system);
        steadyRow("verdicts (events)", systems, s -> s.completed() + "/" + s.events());
        steadyRow("Sandbox calls (all requests)", systems, s -> Long.toString(s.calls().totalRequests()));
        steadyRow("Sandbox calls per verdict", systems, s -> f(s.callsPerVerdict(), 2));
        steadyRow("  answered 429", systems, s -> Long.toString(s.rateLimited()));
        steadyRow("uploads (contents needing a scan)", systems, s -> s.uploads() + " (" + s.scanned() + ")");
        steadyRow("latency p50 s", systems, s -> seconds(s.latency().p50()));
        steadyRow("latency p99 s", systems, s -> seconds(s.latency().p99()));
        out.println();
    }

    private void steadyRow(String label, List<SteadyResult> systems, Function<SteadyResult, String> value) {
        out.printf(Locale.ROOT, "%-38s %14s %14s%n", label, value.apply(systems.get(0)), value.apply(systems.get(1)));
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
