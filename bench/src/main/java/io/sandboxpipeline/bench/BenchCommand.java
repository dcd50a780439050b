package io.sandboxpipeline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sandboxpipeline.emulator.Endpoint;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import io.sandboxpipeline.tools.cli.DataSizeConverter;
import io.sandboxpipeline.tools.cli.DurationConverter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sandbox-pipeline bench}: measures the pipeline on the embedded default against two scripted baselines that
 * use the same Sandbox client (a thread pool and a sequential script), plus cache-hit throughput, SHA-256 speed
 * against openssl, and a file larger than the heap. Prints a table and, with {@code --json}, writes every figure.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the pipeline (embedded Kafka, Sandbox emulator) against a thread-pool and a sequential "
                + "Workflow Guide script, each on its own fresh emulator with the same settings.",
                "Modes: pipeline (the comparison), cache (cache-hit throughput), hash (SHA-256 vs openssl), "
                        + "large (a 2 GiB file with -Xmx256m), steady (events at a steady rate under a quota), all "
                        + "(those five), and backlog (a 100,000-event replay backlog behind an upload quota while live "
                        + "events arrive; about 5 minutes, not in all). "
                        + "See docs/benchmarks.md."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--mode", defaultValue = "pipeline", paramLabel = "MODE", converter = BenchMode.Converter.class,
            description = "pipeline, cache, hash, large, steady, all (the five before) or backlog. Default: ${DEFAULT-VALUE}.")
    BenchMode mode;

    @Option(names = "--events", defaultValue = "400", description = "Events in the workload. Default: ${DEFAULT-VALUE}.")
    int events;

    @Option(names = "--unique", defaultValue = "160",
            description = "Distinct contents among the events (160 of 400 = 60%% duplicates). Default: ${DEFAULT-VALUE}.")
    int unique;

    @Option(names = "--known-share", defaultValue = "0.1", paramLabel = "SHARE",
            description = "Share of the distinct contents the reputation already knows as likely malicious. "
                    + "Default: ${DEFAULT-VALUE}.")
    double knownShare;

    @Option(names = "--file-size", defaultValue = "1KB", converter = DataSizeConverter.class, paramLabel = "SIZE",
            description = "Size of every generated file. Default: ${DEFAULT-VALUE}.")
    long fileSize;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of contents and event order. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--scan-duration", defaultValue = "4s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long an emulated scan takes. Default: ${DEFAULT-VALUE}.")
    Duration scanDuration;

    @Option(names = "--poll-pause", defaultValue = "5", paramLabel = "SECONDS",
            description = "The pollPause the emulated reports ask for. Default: ${DEFAULT-VALUE}.")
    int pollPause;

    @Option(names = "--latency", paramLabel = "ENDPOINT=DURATION",
            description = "Added latency of an emulated endpoint, repeatable, e.g. --latency scan_file=200ms. "
                    + "Endpoints: reputation_hash, reputation_hash_bulk, scan_file, report, system_config, users_me.")
    Map<String, String> latency = new LinkedHashMap<>();

    @Option(names = "--quota-rps", defaultValue = "0", paramLabel = "RATE",
            description = "Requests per second the API key may make (429 beyond); 0 = no quota. Default: ${DEFAULT-VALUE}.")
    double quotaRps;

    @Option(names = "--pool-threads", defaultValue = "16", description = "Threads of the pool baseline. Default: ${DEFAULT-VALUE}.")
    int poolThreads;

    @Option(names = "--sequential-events", defaultValue = "10", paramLabel = "N",
            description = "The sequential baseline runs N events with the workload's share of reputation-known files and reports its rate. Default: ${DEFAULT-VALUE}.")
    int sequentialEvents;

    @Option(names = "--baseline-poll-interval", defaultValue = "2s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "How often the scripts poll a report (the Workflow Guide's 2 s). "
            + "Default: ${DEFAULT-VALUE}.")
    Duration baselinePollInterval;

    @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Longest wait for one system to finish the workload. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A pipeline setting for the measured stages, repeatable (e.g. --set kafka.partitions=2). "
                    + "Default: the pipeline's own defaults.")
    Map<String, String> pipelineSettings = new LinkedHashMap<>();

    @Option(names = "--cache-events", defaultValue = "50000", description = "Events of the cache mode. Default: ${DEFAULT-VALUE}.")
    int cacheEvents;

    @Option(names = "--cache-unique", defaultValue = "100",
            description = "Distinct contents of the cache mode, each scanned once before. Default: ${DEFAULT-VALUE}.")
    int cacheUnique;

    @Option(names = "--cache-timeout", defaultValue = "60s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Longest wait for the cache mode's warm-up, and again for its events. Default: ${DEFAULT-VALUE}.")
    Duration cacheTimeout;

    @Option(names = "--hash-size", defaultValue = "1GB", converter = DataSizeConverter.class, paramLabel = "SIZE",
            description = "Size of the hash mode's file. Default: ${DEFAULT-VALUE}.")
    long hashSize;

    @Option(names = "--large-size", defaultValue = "2GB", converter = DataSizeConverter.class, paramLabel = "SIZE",
            description = "Size of the large mode's file. Default: ${DEFAULT-VALUE}.")
    long largeSize;

    @Option(names = "--large-heap", defaultValue = "256m", paramLabel = "SIZE",
            description = "-Xmx of the large mode's child JVM. Default: ${DEFAULT-VALUE}.")
    String largeHeap;

    @Option(names = "--large-timeout", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Longest wait for the large file's verdict. Default: ${DEFAULT-VALUE}.")
    Duration largeTimeout;

    @Mixin
    SteadyOptions steady = new SteadyOptions();

    @Mixin
    BacklogOptions backlog = new BacklogOptions();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every figure to FILE as JSON.")
    Path json;

    @Option(names = {"-v", "--verbose"}, description = "Show the stages' and Kafka's logs.")
    boolean verbose;

    private final PrintStream out;
    private final Clock clock;

    public BenchCommand() {
        this(System.out, Clock.systemUTC());
    }

    /** For tests: output and clock of their own. */
    BenchCommand(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        BenchPlan plan = plan();
        Runnable restoreLogs = verbose ? () -> { } : BenchLogs.quiet();
        Instant startedAt = clock.instant();
        double loadAtStart = loadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        if (loadAtStart > cores) {
            out.printf(Locale.ROOT, "Warning: this machine is busy (load average %.1f on %d cores): the figures will "
                    + "measure that other work too.%n", loadAtStart, cores);
        }
        Path workDir = Files.createTempDirectory("sandbox-pipeline-bench-");
        try {
            BenchResults results = run(plan, startedAt, loadAtStart, workDir);
            new BenchTable(out).print(results);
            if (json != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), BenchJson.of(results));
                out.println("Wrote " + json);
            }
            out.printf(Locale.ROOT, "bench finished in %.0f s%n", Duration.between(startedAt, clock.instant()).toMillis() / 1000.0);
            return results.allComplete() ? 0 : 1;
        } finally {
            WorkDirs.deleteQuietly(workDir);
            restoreLogs.run();
        }
    }

    /** The validated settings; a wrong option ends here with a usage error that names it. */
    private BenchPlan plan() {
        try {
            if (fileSize > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--file-size must be below 2 GiB, but was " + fileSize);
            }
            WorkloadSpec workload = new WorkloadSpec(events, unique, knownShare, (int) fileSize, seed);
            SandboxSpec sandbox = new SandboxSpec(scanDuration, pollPause, latencies(), quotaRps);
            BaselineSpec baselines = new BaselineSpec(poolThreads, sequentialEvents, baselinePollInterval, timeout);
            CacheSpec cache = new CacheSpec(cacheEvents, cacheUnique, cacheTimeout);
            if (hashSize < 1 || largeSize < 1) {
                throw new IllegalArgumentException("--hash-size and --large-size must be positive");
            }
            if (!largeHeap.matches("\\d+[kKmMgG]?")) {
                throw new IllegalArgumentException("--large-heap must be a -Xmx size such as 256m, but was '" + largeHeap + "'");
            }
            return new BenchPlan(workload, sandbox, baselines, cache, steady.spec(), backlog.spec(seed));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private record BenchPlan(WorkloadSpec workload, SandboxSpec sandbox, BaselineSpec baselines, CacheSpec cache,
                             SteadySpec steady, BacklogSpec backlog) {
    }

    private Map<Endpoint, Duration> latencies() {
        Map<Endpoint, Duration> parsed = new EnumMap<>(Endpoint.class);
        latency.forEach((name, value) -> {
            try {
                parsed.put(endpoint(name), new DurationConverter().convert(value));
            } catch (CommandLine.TypeConversionException e) {
                throw new IllegalArgumentException("--latency " + name + ": " + e.getMessage(), e);
            }
        });
        return parsed;
    }

    private static Endpoint endpoint(String name) {
        String normalised = name.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        for (Endpoint endpoint : Endpoint.values()) {
            if (endpoint.name().equals(normalised)) {
                return endpoint;
            }
        }
        throw new IllegalArgumentException("--latency: '" + name + "' is not an emulator endpoint; use one of "
                + Arrays.toString(Endpoint.values()));
    }

    /** The system load average over the last minute; negative where the platform does not tell. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private BenchResults run(BenchPlan plan, Instant startedAt, double loadAtStart, Path workDir)
            throws IOException, InterruptedException {
        Optional<PipelineBench.Comparison> comparison = Optional.empty();
        Optional<CacheBench.Result> cache = Optional.empty();
        Optional<SteadyBench.Result> steadyResult = Optional.empty();
        Optional<BacklogResult> backlogResult = Optional.empty();
        if (mode.includes(BenchMode.PIPELINE) || mode.includes(BenchMode.CACHE) || mode.includes(BenchMode.STEADY)
                || mode.includes(BenchMode.BACKLOG)) {
            out.println("Starting the embedded Kafka broker...");
            try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
                if (mode.includes(BenchMode.PIPELINE)) {
                    comparison = Optional.of(new PipelineBench(plan.sandbox(), plan.baselines(), pipelineSettings,
                            timeout, out, clock).run(plan.workload(), kafka.bootstrapServers(), workDir));
                }
                if (mode.includes(BenchMode.CACHE)) {
                    cache = Optional.of(new CacheBench(plan.sandbox(), pipelineSettings, out, clock)
                            .run(plan.cache(), plan.workload().fileSizeBytes(), seed, kafka.bootstrapServers(), workDir));
                }
                if (mode.includes(BenchMode.STEADY)) {
                    steadyResult = Optional.of(new SteadyBench(plan.sandbox(), plan.baselines(), pipelineSettings, timeout,
                            out, clock).run(plan.steady(), plan.workload(), kafka.bootstrapServers(), workDir));
                }
                if (mode.includes(BenchMode.BACKLOG)) {
                    backlogResult = Optional.of(new BacklogBench(plan.sandbox(), pipelineSettings, out, clock)
                            .run(plan.backlog(), kafka.bootstrapServers(), workDir));
                }
            }
        }
        Optional<HashBench.Result> hash = Optional.empty();
        if (mode.includes(BenchMode.HASH)) {
            out.printf("[hash] SHA-256 of a %d MiB file: ours against openssl%n", hashSize >> 20);
            hash = Optional.of(new HashBench().run(workDir, hashSize));
        }
        Optional<LargeFileBench.Result> large = Optional.empty();
        if (mode.includes(BenchMode.LARGE)) {
            out.printf("[large] a %d MiB file through the pipeline in a child JVM with -Xmx%s%n", largeSize >> 20, largeHeap);
            large = Optional.of(new LargeFileBench().run(workDir, largeSize, largeHeap, plan.sandbox(), largeTimeout));
        }
        List<String> arguments = spec.commandLine().getParseResult().originalArgs();
        BenchResults.MachineLoad load = new BenchResults.MachineLoad(loadAtStart, loadAverage());
        return new BenchResults(startedAt, mode, arguments, load, plan.workload(), plan.sandbox(), plan.baselines(),
                pipelineSettings, comparison, cache, hash, large, steadyResult, backlogResult);
    }
}
