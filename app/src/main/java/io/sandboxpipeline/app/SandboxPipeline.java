package io.sandboxpipeline.app;

import io.sandboxpipeline.app.demo.DemoCommand;
import io.sandboxpipeline.app.emulator.EmulatorCommand;
import io.sandboxpipeline.app.run.RunCommand;
import io.sandboxpipeline.app.run.TopicsCommand;
import io.sandboxpipeline.app.schemas.SchemasCommand;
import io.sandboxpipeline.app.up.UpCommand;
import io.sandboxpipeline.bench.BenchCommand;
import io.sandboxpipeline.tools.lookup.LookupCommand;
import io.sandboxpipeline.tools.reconcile.ReconcileCommand;
import io.sandboxpipeline.tools.replay.ReplayCommand;
import io.sandboxpipeline.tools.verdicts.VerdictsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sandbox-pipeline} launcher. Each subcommand is one class, listed once in {@code subcommands} below.
 */
@Command(
        name = "sandbox-pipeline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Puts every newly stored file through OPSWAT MetaDefender Sandbox and publishes verdicts on Kafka.",
        subcommands = {
            DemoCommand.class,
            UpCommand.class,
            RunCommand.class,
            TopicsCommand.class,
            EmulatorCommand.class,
            BenchCommand.class,
            ReconcileCommand.class,
            LookupCommand.class,
            ReplayCommand.class,
            VerdictsCommand.class,
            SchemasCommand.class,
        })
public final class SandboxPipeline implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // the JDK HTTP servers we start (emulator, schema registry) read this once, when the first one starts:
        // without it every answer waits for the client's delayed ACK (~45 ms)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it with their own output writers. */
    public static CommandLine commandLine() {
        return new CommandLine(new SandboxPipeline())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Without a subcommand there is nothing to run: show what there is. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
