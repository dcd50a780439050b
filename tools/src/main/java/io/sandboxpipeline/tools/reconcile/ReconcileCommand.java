package io.sandboxpipeline.tools.reconcile;

import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.tools.cli.ConfigOptions;
import io.sandboxpipeline.tools.cli.DurationConverter;
import io.sandboxpipeline.tools.kafka.ToolSettings;
import io.sandboxpipeline.tools.kafka.ToolTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Checks the pipeline's guarantee on real topics: every input event ended in exactly one terminal record, a verdict
 * or a dead letter. Reads a snapshot of the three topics ({@link SnapshotReader}), matches them ({@link Reconciler})
 * and prints the report ({@link ReportText}, {@link ReportJson}).
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Prove that no event was lost or answered twice, from the topics themselves.",
        description = {
            "Prove that no event was lost or answered twice: match every record of",
            "<prefix>file-arrivals to its terminal record on <prefix>verdicts or",
            "<prefix>dead-letters. Reads the three topics from the beginning up to the",
            "end offsets taken at start (read_committed; no consumer group, nothing",
            "is committed).",
            "",
            "A dead letter that names its source record (topic, partition, offset)",
            "answers that input record; any other verdict or dead letter answers the",
            "input records with its event id. An input record that is not a readable",
            "FileArrival is known by its key; one with no key only by its offset.",
            "",
            "missing     an event without a terminal record whose input record is",
            "            older than --grace (by record timestamp): FAILS",
            "pending     no terminal record yet, younger than --grace: allowed",
            "duplicated  more terminal records than the event is owed, or two dead",
            "            letters naming one input record: FAILS (the report says",
            "            whether the duplicates disagree)",
            "input duplicates",
            "            an event id published in N > 1 input records. Not a failure",
            "            by itself: the id is owed at least 1 and at most N terminal",
            "            records, as the pipeline answers a repeat that arrives while",
            "            the first is in progress together with it, a later one again",
            "orphans     terminal records for no input record read (e.g. the input",
            "            was removed by retention): reported, not a failure",
            "",
            ConfigOptions.TOOL_CONFIGURATION_HELP,
            ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:nothing missing or duplicated (pending events allowed)",
            "1:an event is missing or duplicated",
            "2:usage or configuration error, or the topics could not be read (nothing concluded)"})
public final class ReconcileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "35m", converter = DurationConverter.class,
            description = "Events younger than this without a terminal record are pending, not missing (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "Give up reading the topics after this long, with exit code 2 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--list", paramLabel = "N", defaultValue = "20",
            description = "How many entries to print per category (default: ${DEFAULT-VALUE}); --json has them all.")
    int list;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the full report to FILE as JSON.")
    Path json;

    private final Map<String, String> env;
    private final Clock clock;

    public ReconcileCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    /**
     * @param env   the environment to read configuration from
     * @param clock the clock that input records' ages are measured with
     */
    public ReconcileCommand(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (list < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--list must be zero or more, got " + list);
        }
        if (timeout.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be more than zero");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<ToolTopics> tool = ToolTopics.load(() -> configOptions.load(env), err);
        if (tool.isEmpty()) {
            return CommandLine.ExitCode.USAGE;
        }
        ToolSettings settings = tool.get().settings();
        PipelineTopics topics = tool.get().topics();
        Instant checkedAt = clock.instant();
        TopicSnapshot snapshot;
        try (SnapshotReader reader = new SnapshotReader(settings.clientConfig(), topics)) {
            snapshot = reader.read(timeout);
        } catch (SnapshotReader.SnapshotException | KafkaException e) {
            err.println("Cannot read the topics, nothing was concluded: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        ReconcileReport report = Reconciler.reconcile(settings.topics().fileArrivals(), snapshot.inputs(),
                snapshot.terminals(), checkedAt, grace);
        new ReportText(out, list).print(report, snapshot, settings.topics());
        if (json != null) {
            try {
                ReportJson.write(json, report, settings.topics());
                out.println("Wrote the full report to " + json);
            } catch (IOException e) {
                err.println("Cannot write " + json + ": " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
        }
        out.flush();
        return report.failed() ? 1 : 0;
    }
}
