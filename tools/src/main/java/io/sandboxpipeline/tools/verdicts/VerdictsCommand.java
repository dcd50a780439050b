package io.sandboxpipeline.tools.verdicts;

import io.sandboxpipeline.core.topic.PipelineTopics;
import io.sandboxpipeline.schemas.Lane;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.Verdict;
import io.sandboxpipeline.tools.cli.ConfigOptions;
import io.sandboxpipeline.tools.cli.DurationConverter;
import io.sandboxpipeline.tools.kafka.StopSignal;
import io.sandboxpipeline.tools.kafka.ToolSettings;
import io.sandboxpipeline.tools.kafka.ToolTopics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints {@code <prefix>verdicts} as JSON lines, filtered, once or following new verdicts until Ctrl-C. */
@Command(name = "verdicts", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Print the verdicts as JSON lines: those on the topic now, or as they arrive (--follow).",
        description = {
            "Print the verdicts on <prefix>verdicts as JSON lines: one object per verdict",
            "with every EnrichedVerdict field (enums as text, times as ISO-8601 UTC), as",
            "on the enricher's JSON mirror topic.",
            "Reads committed records without a consumer group (nothing is committed),",
            "from the end unless --from-beginning. Without --follow it prints what is",
            "there up to now and exits; with --follow it keeps printing until Ctrl-C.",
            "",
            ConfigOptions.TOOL_CONFIGURATION_HELP,
            ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:done",
            "2:usage or configuration error, or the topic could not be read",
            "130:--follow stopped by Ctrl-C"})
public final class VerdictsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new verdicts until Ctrl-C.")
    boolean follow;

    @Option(names = "--from-beginning", description = "Start at the oldest verdict instead of the end.")
    boolean fromBeginning;

    @Option(names = "--verdict", paramLabel = "VERDICT",
            description = "Only these verdicts (repeatable): ${COMPLETION-CANDIDATES}.")
    Set<Verdict> verdicts = new LinkedHashSet<>();

    @Option(names = "--lane", paramLabel = "LANE", description = "Only this lane: ${COMPLETION-CANDIDATES}.")
    Lane lane;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only these statuses (repeatable): ${COMPLETION-CANDIDATES}.")
    Set<OutcomeStatus> statuses = new LinkedHashSet<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "Without --follow: give up reading to the end after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    private final Map<String, String> env;
    private final StopSignal testStop;

    public VerdictsCommand() {
        this(System.getenv(), null);
    }

    /**
     * For tests and embedding.
     *
     * @param env  the environment to read configuration from
     * @param stop what ends {@code --follow} instead of Ctrl-C; null to stop on JVM shutdown
     */
    public VerdictsCommand(Map<String, String> env, StopSignal stop) {
        this.env = Map.copyOf(env);
        this.testStop = stop;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!follow && !fromBeginning) {
            err.println("Reading from the end without --follow prints nothing: add --from-beginning, or --follow.");
        }
        Optional<ToolTopics> tool = ToolTopics.load(() -> configOptions.load(env), err);
        if (tool.isEmpty()) {
            return CommandLine.ExitCode.USAGE;
        }
        ToolSettings settings = tool.get().settings();
        PipelineTopics topics = tool.get().topics();
        VerdictPrinter printer = new VerdictPrinter(out, new VerdictFilter(verdicts, Optional.ofNullable(lane), statuses), follow);
        try (VerdictReader reader = new VerdictReader(settings.clientConfig(), topics.verdicts(), fromBeginning)) {
            if (follow) {
                follow(reader, printer, topics.verdicts().name(), err);
            } else {
                reader.readToEnd(printer, timeout);
            }
            if (reader.unreadable() > 0) {
                err.println("Skipped " + reader.unreadable() + " records that are not readable verdicts.");
            }
        } catch (VerdictReader.ReadException | KafkaException e) {
            err.println("Cannot read " + topics.verdicts().name() + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } finally {
            out.flush();
            err.flush();
        }
        return CommandLine.ExitCode.OK;
    }

    /** Prints verdicts as they come until Ctrl-C (or the test's stop signal). */
    private void follow(VerdictReader reader, VerdictPrinter printer, String topic, PrintWriter err) {
        err.println("Following " + topic + (fromBeginning ? " from the beginning" : "") + " (Ctrl-C to stop)...");
        err.flush();
        try (StopSignal stop = testStop != null ? testStop : StopSignal.onShutdown()) {
            reader.follow(printer, stop::requested);
            // the JVM may halt as soon as the stop signal is closed: flush what is printed first
            spec.commandLine().getOut().flush();
            err.flush();
        }
    }
}
