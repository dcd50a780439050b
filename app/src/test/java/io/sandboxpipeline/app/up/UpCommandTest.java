package io.sandboxpipeline.app.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.app.SandboxPipeline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `up` says before it starts anything: a port in use, a data directory another `up` holds. */
class UpCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldNameTheOptionOfAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            StringWriter err = new StringWriter();

            int exit = run(err, "up", "--data", dir.toString(), "--registry-port", Integer.toString(taken.getLocalPort()));

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("127.0.0.1:" + taken.getLocalPort() + " is in use")
                    .contains("--registry-port");
        }
    }

    @Test
    void shouldRefuseASecondUpOnTheSameDataDirectory() throws Exception {
        try (DataDirLock first = DataDirLock.acquire(dir)) {
            StringWriter err = new StringWriter();

            int exit = run(err, "up", "--data", dir.toString());

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("another `sandbox-pipeline up` is running on " + dir);
        }
    }

    private static int run(StringWriter err, String... args) {
        picocli.CommandLine commandLine = SandboxPipeline.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
