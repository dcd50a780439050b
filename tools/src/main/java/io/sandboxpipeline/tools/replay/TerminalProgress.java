package io.sandboxpipeline.tools.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** A progress bar redrawn in place on a terminal: files done of all, files/s, time left, and bytes. */
final class TerminalProgress implements ReplayProgress {

    private static final int FALLBACK_WIDTH = 100;

    private final PrintStream terminal;
    private ProgressBar bar;
    private long totalBytes;
    private long bytes;

    TerminalProgress(PrintStream terminal) {
        this.terminal = terminal;
    }

    @Override
    public void start(long totalFiles, long totalBytes, long doneFiles, long doneBytes) {
        this.totalBytes = totalBytes;
        this.bytes = doneBytes;
        this.bar = new ProgressBarBuilder()
                .setTaskName("Publishing")
                .setInitialMax(totalFiles)
                .startsFrom(doneFiles, Duration.ZERO)
                .setUnit(" files", 1)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(250)
                // with a width of its own the bar never opens the library's own terminal, which would take over
                // SIGINT and end the JVM on Ctrl-C without running shutdown hooks (no last checkpoint)
                .setConsumer(new ConsoleProgressBarConsumer(terminal, terminalWidth()))
                .build();
        bar.setExtraMessage(bytesText());
    }

    /** The terminal's width, asked without installing signal handlers; a fixed width if it cannot be told. */
    static int terminalWidth() {
        try (Terminal system = TerminalBuilder.builder().system(true).nativeSignals(false).dumb(true).build()) {
            int width = system.getWidth();
            return width > 20 ? width - 1 : FALLBACK_WIDTH;
        } catch (IOException | RuntimeException e) {
            return FALLBACK_WIDTH;
        }
    }

    @Override
    public void advance(long fileBytes) {
        bytes += fileBytes;
        bar.step();
        bar.setExtraMessage(bytesText());
    }

    private String bytesText() {
        // the bar prints the message right after the speed: the leading space separates them
        return " " + ByteSize.format(bytes) + " of " + ByteSize.format(totalBytes);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
