package io.sandboxpipeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SandboxPipelineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldListTheEmulatorSubcommandInHelp() {
        int exitCode = run("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: sandbox-pipeline").contains("emulator").contains("--version");
    }

    @Test
    void shouldPrintTheVersionAndTheJavaRunningIt() {
        int exitCode = run("--version");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).startsWith("sandbox-pipeline ").contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void shouldExplainThatASubcommandIsMissing() {
        int exitCode = run();

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Missing subcommand").contains("emulator");
    }

    @Test
    void shouldRejectAnUnknownSubcommandWithUsageExitCode() {
        int exitCode = run("emulatr");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("emulatr");
    }

    @Test
    void shouldPrintEveryCommandsHelpWithoutPicocliWarnings() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (String command : SandboxPipeline.commandLine().getSubcommands().keySet()) {
                assertThat(run(command, "--help")).as("%s --help", command).isZero();
            }
        } finally {
            System.setErr(original);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(out.toString()).doesNotContain("\u001b[");
    }

    @Test
    void shouldSummariseEveryCommandInAWholeSentence() {
        for (Map.Entry<String, CommandLine> command : SandboxPipeline.commandLine().getSubcommands().entrySet()) {
            CommandLine.Model.UsageMessageSpec usage = command.getValue().getCommandSpec().usageMessage();
            // what the command list shows: the header, else the first description line
            String summary = usage.header().length > 0 ? usage.header()[0] : usage.description()[0];

            assertThat(summary).as("summary of %s", command.getKey()).endsWith(".").doesNotEndWith(" of.");
        }
    }

    private int run(String... args) {
        CommandLine commandLine = SandboxPipeline.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
