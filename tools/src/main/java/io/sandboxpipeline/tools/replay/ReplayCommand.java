package io.sandboxpipeline.tools.replay;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.tools.cli.ConfigOptions;
import io.sandboxpipeline.tools.cli.DurationConverter;
import io.sandboxpipeline.tools.kafka.StopSignal;
import io.sandboxpipeline.tools.kafka.ToolSettings;
import io.sandboxpipeline.tools.kafka.ToolTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Publishes one file-arrival event (lane REPLAY) per file of a directory tree, an S3 prefix or a manifest CSV, with a
 * rate limit and a checkpoint to resume from; then, unless {@code --no-wait}, follows the verdicts until every event
 * has its terminal record and prints what the run came to.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Re-scan files already stored (a directory, an S3 prefix or a manifest) and summarise their verdicts.",
        description = {
            "Re-scan files already stored: publish one file-arrival event (lane REPLAY,",
            "attribute replay.run=<run id>) per file of SOURCE to <prefix>file-arrivals,",
            "then wait for every verdict and print a summary.",
            "",
            "SOURCE is a directory (every file below it, sorted by path), s3://bucket/prefix",
            "(every object under the prefix, sorted) or a manifest CSV with a header row:",
            "uri (required), sha256, size, name, event_id (optional).",
            "",
            "Event ids are replay:<run id>:<sha256 of the uri> unless the manifest gives one.",
            "The checkpoint counts the files published, in the source's order, after each",
            "flush; --resume continues an interrupted run (Ctrl-C or crash) without",
            "publishing any file twice. Verdicts cached by the pipeline are reused.",
            "",
            ConfigOptions.TOOL_CONFIGURATION_HELP,
            "s3:// sources take the submitter's SP_S3_* settings.",
            ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:every file published (and with --wait, every event has its terminal record)",
            "1:publishing failed, or --timeout passed before every event had its terminal record",
            "2:usage, configuration, source or checkpoint problem (nothing was published)",
            "130:stopped by Ctrl-C (the checkpoint is written: --resume continues)"})
public final class ReplayCommand implements Callable<Integer> {

    static final int STOPPED = 130;
    private static final String CHECKPOINT_DIR = ".sandbox-pipeline-replay";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A directory, s3://bucket/prefix, or a manifest CSV file.")
    String source;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "50",
            description = "Publish at most N events per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--dry-run", description = "List what would be published, with counts and bytes; publish nothing.")
    boolean dryRun;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Name of the run (default: derived from SOURCE and today's date, UTC).")
    String runId;

    @Option(names = "--resume", description = "Continue the run from its checkpoint.")
    boolean resume;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Checkpoint file (default: " + CHECKPOINT_DIR + "/<run id>.checkpoint in the working directory).")
    Path checkpoint;

    @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "After publishing, wait for every event's verdict or dead letter and print a summary "
                    + "(default: on; --no-wait only publishes).")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
            description = "Stop waiting after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Write one CSV row per event: event_id, uri, sha256, status, verdict, threat_level, decided_by, flow_id, reason.")
    Path report;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    private final Map<String, String> env;
    private final Clock clock;
    private final boolean onShutdown;
    private StopSignal stop;

    public ReplayCommand() {
        this(System.getenv(), Clock.systemUTC(), true);
    }

    /**
     * @param env        the environment to read configuration from
     * @param clock      the clock for pacing, checkpoints and the default run id
     * @param onShutdown whether Ctrl-C stops the run gracefully and a terminal gets a progress bar (off in tests)
     */
    public ReplayCommand(Map<String, String> env, Clock clock, boolean onShutdown) {
        this.env = Map.copyOf(env);
        this.clock = clock;
        this.onShutdown = onShutdown;
        this.stop = onShutdown ? null : StopSignal.manual();
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        validateOptions();
        ConfigValues values;
        try {
            values = configOptions.load(env);
        } catch (ConfigException e) {
            err.println("Configuration error: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        try (ReplaySources sources = ReplaySources.open(source, values, excludedPaths())) {
            return replay(sources.source(), values, out, err);
        } catch (IllegalArgumentException | ConfigException | ReplayException e) {
            err.println(e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private void validateOptions() {
        if (rate < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be at least 1 event per second, got " + rate);
        }
        if (timeout.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be more than zero");
        }
        if (report != null && (!wait || dryRun)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--report needs the verdicts: drop --no-wait / --dry-run");
        }
    }

    /** The replay's own files, which a directory listing must not pick up. */
    private Set<Path> excludedPaths() {
        Set<Path> excluded = new HashSet<>(Set.of(Path.of(CHECKPOINT_DIR)));
        Stream.of(checkpoint, report).filter(Objects::nonNull).forEach(excluded::add);
        return excluded;
    }

    private int replay(ReplaySource replaySource, ConfigValues values, PrintWriter out, PrintWriter err) {
        String description = replaySource.description();
        RunId run = runId != null ? new RunId(runId) : RunId.derive(description, clock);
        CheckpointFile checkpoints = checkpoint != null ? new CheckpointFile(checkpoint)
                : new CheckpointFile(Path.of(CHECKPOINT_DIR, run.value() + ".checkpoint"));
        List<ReplayEvent> events;
        Optional<Checkpoint> existing;
        try {
            events = ReplayEvent.plan(run, replaySource.list());
            existing = checkpoints.read();
        } catch (IOException e) {
            err.println(e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        if (existing.isPresent() && !resume) {
            err.printf("Run %s already has a checkpoint (%d of %d files published) in %s:%n  add --resume to continue it, "
                    + "or pass another --run-id to start a new run.%n", run, existing.get().published(), events.size(), checkpoints);
            return CommandLine.ExitCode.USAGE;
        }
        if (existing.isPresent()) {
            ReplayPublisher.checkResumable(existing.get(), run, description, events);
        } else if (resume) {
            out.println("No checkpoint for run " + run + " in " + checkpoints + ": starting from the first file.");
        }
        long done = existing.map(Checkpoint::published).orElse(0L);
        if (dryRun) {
            PlanText.header(out, description, run, events, done);
            PlanText.dryRun(out, events, done);
            return CommandLine.ExitCode.OK;
        }
        Optional<ToolTopics> tool = ToolTopics.load(() -> values, err);
        if (tool.isEmpty()) {
            return CommandLine.ExitCode.USAGE;
        }
        ToolSettings settings = tool.get().settings();
        PipelineTopics topics = tool.get().topics();
        PlanText.header(out, description, run, events, done);
        if (onShutdown) {
            stop = StopSignal.onShutdown();
        }
        try {
            return publishAndWait(run, description, events, existing, checkpoints, settings, topics, out, err);
        } finally {
            // the JVM may halt as soon as the stop signal is closed: what the user must read goes out first
            out.flush();
            err.flush();
            // lets a Ctrl-C in progress finish the JVM's exit now that the checkpoint is written
            stop.close();
        }
    }

    private int publishAndWait(RunId run, String description, List<ReplayEvent> events, Optional<Checkpoint> existing,
                               CheckpointFile checkpoints, ToolSettings settings, PipelineTopics topics,
                               PrintWriter out, PrintWriter err) {
        ArrivalLog arrivals;
        try {
            arrivals = new KafkaArrivalLog(settings.clientConfig(), topics);
        } catch (ReplayException | KafkaException e) {
            err.println("Cannot publish to " + topics.fileArrivals().name() + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        ReplayPublisher.Result result;
        try (ArrivalLog log = arrivals) {
            ReplayPublisher publisher = new ReplayPublisher(log, checkpoints, new Pacer(rate, clock, Pacer::sleepFor), clock,
                    stop::requested, rate, Duration.ofSeconds(1));
            result = publisher.publish(run, description, events, existing, progress(out));
        } catch (IOException | KafkaException e) {
            err.printf("Publishing failed: %s%n  The checkpoint %s counts what was stored; fix the cause and continue with --resume.%n",
                    e.getMessage(), checkpoints);
            return CommandLine.ExitCode.SOFTWARE;
        }
        out.printf("Published %d events to %s%s; checkpoint %s%n", result.sent(), topics.fileArrivals().name(),
                result.alreadyPublished() == 0 ? "" : " (" + result.alreadyPublished() + " found already published before an interruption)",
                checkpoints);
        if (result.stopped()) {
            out.printf("Stopped after %d of %d files. Continue with: replay %s --resume --run-id %s%s%n", result.position(),
                    events.size(), source, run, checkpoint == null ? "" : " --checkpoint " + checkpoint);
            return STOPPED;
        }
        if (!wait) {
            return CommandLine.ExitCode.OK;
        }
        return awaitOutcomes(run, events, settings, topics, out, err);
    }

    private ReplayProgress progress(PrintWriter out) {
        if (onShutdown && Terminal.stdoutIsTerminal()) {
            return new TerminalProgress(System.out);
        }
        return new LineProgress(out, clock, PROGRESS_EVERY);
    }

    private int awaitOutcomes(RunId run, List<ReplayEvent> events, ToolSettings settings, PipelineTopics topics,
                              PrintWriter out, PrintWriter err) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.eventId()));
        Map<String, EventOutcome> outcomes;
        long duplicates;
        try (RunOutcomes followed = new RunOutcomes(settings.clientConfig(), topics, ids)) {
            out.printf("Waiting for %d verdicts on %s (and %s), at most %s...%n", ids.size(), topics.verdicts().name(),
                    topics.deadLetters().name(), LineProgress.formatDuration(timeout.toSeconds()));
            out.flush();
            followed.await(clock, clock.instant().plus(timeout), stop::requested, out, PROGRESS_EVERY);
            outcomes = followed.outcomes();
            duplicates = followed.duplicates();
        } catch (ReplayException | KafkaException e) {
            err.println("Cannot follow the verdicts: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        ReplaySummary summary = ReplaySummary.of(events, outcomes);
        summary.print(out, run.value());
        if (duplicates > 0) {
            out.printf("  %d duplicate terminal records seen for this run's events ('reconcile' tells more)%n", duplicates);
        }
        if (report != null && !ReplayReport.writeTo(report, events, outcomes, out, err)) {
            return CommandLine.ExitCode.SOFTWARE;
        }
        if (stop.requested() && summary.answered() < events.size()) {
            out.println("Stopped waiting. Everything is published; 'replay ... --resume' waits again without publishing anything.");
            return STOPPED;
        }
        return summary.answered() == events.size() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }
}
