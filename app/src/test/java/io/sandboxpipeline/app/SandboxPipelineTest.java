package io.sandboxpipeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

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

    private int run(String... args) {
        CommandLine commandLine = SandboxPipeline.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
