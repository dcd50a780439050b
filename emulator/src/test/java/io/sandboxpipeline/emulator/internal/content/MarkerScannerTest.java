package io.sandboxpipeline.emulator.internal.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MarkerScannerTest {

    @Test
    void shouldFindAMarkerSplitAtEveryPossiblePosition() {
        byte[] content = ("xx" + Marker.EICAR.text() + "yy").getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= content.length; split++) {
            MarkerScanner scanner = new MarkerScanner();
            scanner.update(content, 0, split);
            scanner.update(content, split, content.length - split);

            assertThat(scanner.found()).as("split at %d", split).containsExactly(Marker.EICAR);
        }
    }

    @Test
    void shouldFindMarkersFedOneByteAtATime() {
        byte[] content = "a SANDBOX-TEST:SUSPICIOUS b SANDBOX-TEST:FAIL c SANDBOX-TEST:BENIGN"
                .getBytes(StandardCharsets.US_ASCII);
        MarkerScanner scanner = new MarkerScanner();
        for (int i = 0; i < content.length; i++) {
            scanner.update(content, i, 1);
        }

        assertThat(scanner.found()).containsExactlyInAnyOrder(Marker.SUSPICIOUS, Marker.FAIL, Marker.BENIGN);
    }

    @Test
    void shouldNotReportAMarkerThatIsOnlyAlmostThere() {
        byte[] content = "SANDBOX-TEST:SUSPICIOU5 SANDBOX-TEST: BENIGN".getBytes(StandardCharsets.US_ASCII);
        MarkerScanner scanner = new MarkerScanner();
        scanner.update(content, 0, content.length);

        assertThat(scanner.found()).isEmpty();
    }
}
