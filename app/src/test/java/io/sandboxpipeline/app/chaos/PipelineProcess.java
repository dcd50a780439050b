package io.sandboxpipeline.app.chaos;

import io.sandboxpipeline.app.SandboxPipeline;
import io.sandboxpipeline.core.config.ConfigValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code sandbox-pipeline run all} in a child JVM (same {@code java}, the test class path with the project's own
 * entries copied), configured only through
 * its environment, with stdout and stderr appended to one log file across restarts.
 */
final class PipelineProcess implements AutoCloseable {

    private static final long STOP_SECONDS = 30;

    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final List<String> arguments;
    private final Path log;
    private final String classPath;
    private Process process;
    private int starts;

    /**
     * @param workDir where the log ({@code pipeline.log}) and a copy of the project's classes ({@link ClassPathCopy})
     *                go
     */
    PipelineProcess(Map<String, String> environment, Path workDir) throws IOException {
        this(environment, workDir, List.of());
    }

    /** With further JVM options, e.g. {@code -Dlogback.configurationFile=logback.xml} for the launcher's own logging. */
    PipelineProcess(Map<String, String> environment, Path workDir, List<String> jvmOptions) throws IOException {
        this(environment, workDir, jvmOptions, List.of("run", "all"));
    }

    /** Another launcher command than {@code run all}, e.g. {@code up --data DIR}. */
    PipelineProcess(Map<String, String> environment, Path workDir, List<String> jvmOptions, List<String> arguments)
            throws IOException {
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.arguments = List.copyOf(arguments);
        this.log = workDir.resolve("pipeline.log");
        this.classPath = ClassPathCopy.of(System.getProperty("java.class.path"), workDir.resolve("classpath"));
    }

    void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the pipeline process is already running (pid " + process.pid() + ")");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(SandboxPipeline.class.getName());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // only the settings given here: nothing inherited from the environment the tests run in
        builder.environment().keySet().removeIf(name -> name.startsWith("SP_")
                || ConfigValues.WELL_KNOWN_ENV.containsKey(name));
        builder.environment().putAll(environment);
        starts++;
        Files.writeString(log, System.lineSeparator() + "===== start " + starts + " =====" + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = builder.start();
    }

    /** SIGKILL: no shutdown hook, no close, no last commit. Returns once the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the pipeline process " + process.pid() + " survived SIGKILL for "
                    + STOP_SECONDS + " s");
        }
    }

    /** Fails with the end of the log if the process ended by itself (e.g. a stage stopped with an error). */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("the pipeline process exited by itself with code " + process.exitValue()
                    + "; the end of its log (" + log + "):" + System.lineSeparator() + tail(60));
        }
    }

    int starts() {
        return starts;
    }

    Path log() {
        return log;
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pipeline log " + log, e);
        }
    }

    /** The last {@code lines} WARN and ERROR lines of the log (the log minus its DEBUG noise), for failure messages. */
    String warnings(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pipeline log " + log, e);
        }
    }

    /** SIGTERM, and how long the process took to end (up to {@code patience}; then it is killed and this fails). */
    Duration terminate(Duration patience) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("the pipeline process ignored SIGTERM for " + patience.toSeconds() + " s; its log:"
                    + System.lineSeparator() + tail(40));
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGTERM (the stages close and leave their groups), then SIGKILL if that takes too long. */
    @Override
    public void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
