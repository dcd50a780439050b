package io.sandboxpipeline.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayLineProgressTest {

    private final SteppedClock clock = new SteppedClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final StringWriter text = new StringWriter();

    @Test
    void shouldPrintALineEveryIntervalWithFilesBytesRateAndTimeLeft() {
        LineProgress progress = new LineProgress(new PrintWriter(text, true), clock, Duration.ofSeconds(5));
        // a resumed run: 100 of 1000 files (1 KiB each) were published by an earlier attempt
        progress.start(1000, 1000 * 1024L, 100, 100 * 1024L);

        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMillis(100));
            progress.advance(1024);
        }
        progress.close();

        // 10 files/s over this attempt; 800 files left take 1m20s
        assertThat(text.toString().lines().toList()).containsExactly(
                "  published 150/1000 files (15%), 150.0 KiB of 1000.0 KiB, 10.0 files/s, ETA 1m25s",
                "  published 200/1000 files (20%), 200.0 KiB of 1000.0 KiB, 10.0 files/s, ETA 1m20s",
                "  published 200/1000 files (20%), 200.0 KiB of 1000.0 KiB, 10.0 files/s, ETA 1m20s");
    }

    @Test
    void shouldWriteDurationsShortly() {
        assertThat(LineProgress.formatDuration(42)).isEqualTo("42s");
        assertThat(LineProgress.formatDuration(125)).isEqualTo("2m05s");
        assertThat(LineProgress.formatDuration(3 * 3600 + 7 * 60 + 9)).isEqualTo("3h07m");
    }
}
