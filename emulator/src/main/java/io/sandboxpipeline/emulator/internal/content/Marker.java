package io.sandboxpipeline.emulator.internal.content;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Test markers the emulator's verdict rules look for in submitted content. */
public enum Marker {
    EICAR("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*", EmulatedVerdict.MALICIOUS),
    LIKELY_MALICIOUS("SANDBOX-TEST:LIKELY_MALICIOUS", EmulatedVerdict.LIKELY_MALICIOUS),
    SUSPICIOUS("SANDBOX-TEST:SUSPICIOUS", EmulatedVerdict.SUSPICIOUS),
    BENIGN("SANDBOX-TEST:BENIGN", EmulatedVerdict.BENIGN),
    /** Makes the scan fail (for the first {@code failAttempts} submissions of the same hash); no verdict of its own. */
    FAIL("SANDBOX-TEST:FAIL", null),
    /**
     * The scan succeeds only in part ({@code overallState: success_partial}, e.g. a subtask could not run) and still has
     * a {@code finalVerdict}, as the captured {@code report_badfile.json} and {@code report_no_threat.json} show.
     */
    SUCCESS_PARTIAL("SANDBOX-TEST:PARTIAL_SUCCESS", null),
    /**
     * The scan fails in part ({@code overallState: failed_partial}, no {@code job.error}) for the first
     * {@code failAttempts} submissions of the same hash, like {@link #FAIL}; the Workflow Guide says to retry it.
     */
    FAILED_PARTIAL("SANDBOX-TEST:PARTIAL_FAILURE", null);

    /** Common prefix of the SANDBOX-TEST markers. */
    static final String TEST_PREFIX = "SANDBOX-TEST:";

    private final String text;
    private final byte[] bytes;
    private final EmulatedVerdict verdict;

    Marker(String text, EmulatedVerdict verdict) {
        this.text = text;
        this.bytes = text.getBytes(StandardCharsets.US_ASCII);
        this.verdict = verdict;
    }

    public String text() {
        return text;
    }

    /** The verdict this marker decides; empty for {@link #FAIL}. */
    public Optional<EmulatedVerdict> verdict() {
        return Optional.ofNullable(verdict);
    }

    int length() {
        return bytes.length;
    }

    byte byteAt(int index) {
        return bytes[index];
    }
}
