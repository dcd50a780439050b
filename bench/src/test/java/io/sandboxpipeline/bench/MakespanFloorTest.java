package io.sandboxpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.emulator.Endpoint;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MakespanFloorTest {

    @Test
    void shouldBeTheFirstAllowedPollAfterTheScanNotAWholeIntervalAfterIt() {
        // 4 s scan, pollPause 5: polls allowed at 2 s and 7 s, so a client can see the verdict at 7 s (not 4 + 5 = 9 s)
        SandboxSpec spec = new SandboxSpec(Duration.ofSeconds(4), 5, Map.of(), 0);

        assertThat(MakespanFloor.of(spec, 160, 144)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void shouldAddTheUploadAndReportLatencies() {
        // the answer to the upload comes 200 ms after the scan clock started: polls at 2.2 s and 7.2 s; the report
        // answer takes 300 ms more
        SandboxSpec spec = new SandboxSpec(Duration.ofSeconds(4), 5,
                Map.of(Endpoint.SCAN_FILE, Duration.ofMillis(200), Endpoint.REPORT, Duration.ofMillis(300)), 0);

        assertThat(MakespanFloor.of(spec, 160, 144)).isEqualTo(Duration.ofMillis(7500));
    }

    @Test
    void shouldBeTheFirstPollWhenTheScanIsDoneByThen() {
        SandboxSpec spec = new SandboxSpec(Duration.ofMillis(500), 5, Map.of(), 0);

        assertThat(MakespanFloor.of(spec, 20, 18)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldWaitForTheQuotaToAdmitTheLastUploadBeforeItsScan() {
        // 2 requests/s with a bucket of 2: the 144th upload is admitted at (144 - 2) / 2 = 71 s, seen 7 s later; the
        // 150 contents' first requests alone need (150 - 2) / 2 = 74 s
        SandboxSpec spec = new SandboxSpec(Duration.ofSeconds(4), 5, Map.of(), 2);

        assertThat(MakespanFloor.of(spec, 150, 144)).isEqualTo(Duration.ofSeconds(78));
        // 300 contents: their first requests need (300 - 2) / 2 = 149 s, later than any scan
        assertThat(MakespanFloor.of(spec, 300, 144)).isEqualTo(Duration.ofSeconds(149));
    }

    @Test
    void shouldWaitForTheQuotaToAdmitOneRequestPerContentWhenNoneNeedsAScan() {
        SandboxSpec spec = new SandboxSpec(Duration.ofSeconds(4), 5, Map.of(), 2);

        assertThat(MakespanFloor.of(spec, 10, 0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(MakespanFloor.of(new SandboxSpec(Duration.ofSeconds(4), 5, Map.of(), 0), 10, 0)).isZero();
    }
}
