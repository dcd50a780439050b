package io.sandboxpipeline.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerdictTest {

    @ParameterizedTest
    @CsvSource({
        "MALICIOUS, MALICIOUS", "malicious, MALICIOUS", "Likely_Malicious, LIKELY_MALICIOUS",
        "likely-malicious, LIKELY_MALICIOUS", "SUSPICIOUS, SUSPICIOUS", "no_threat, NO_THREAT",
        "NO_THREAT, NO_THREAT", "INFORMATIONAL, NO_THREAT", "informational, NO_THREAT", "benign, BENIGN",
        "unknown, UNKNOWN", "' malicious ', MALICIOUS", "trusted, UNKNOWN", "'', UNKNOWN"
    })
    void shouldParseVerdictsInAnyCaseAndMapInformationalToNoThreat(String text, Verdict expected) {
        assertThat(Verdict.parse(text)).isEqualTo(expected);
    }

    @Test
    void shouldParseNullAsUnknown() {
        assertThat(Verdict.parse(null)).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void shouldOrderByThreatLevelWithBenignBelowUnknown() {
        assertThat(Verdict.BENIGN.isAtLeast(Verdict.UNKNOWN)).isFalse();
        assertThat(Verdict.UNKNOWN.isAtLeast(Verdict.BENIGN)).isTrue();
        assertThat(Verdict.NO_THREAT.isAtLeast(Verdict.UNKNOWN)).isTrue();
        assertThat(Verdict.SUSPICIOUS.isAtLeast(Verdict.SUSPICIOUS)).isTrue();
        assertThat(Verdict.LIKELY_MALICIOUS.isAtLeast(Verdict.MALICIOUS)).isFalse();
        assertThat(Verdict.MALICIOUS.isAtLeast(Verdict.LIKELY_MALICIOUS)).isTrue();
    }

    @Test
    void shouldCarryTheDocumentedThreatLevelsAndApiNames() {
        assertThat(Verdict.BENIGN.nominalThreatLevel()).isEqualTo(-1.0);
        assertThat(Verdict.UNKNOWN.nominalThreatLevel()).isEqualTo(0.0);
        assertThat(Verdict.NO_THREAT.nominalThreatLevel()).isEqualTo(0.1);
        assertThat(Verdict.SUSPICIOUS.nominalThreatLevel()).isEqualTo(0.5);
        assertThat(Verdict.LIKELY_MALICIOUS.nominalThreatLevel()).isEqualTo(0.75);
        assertThat(Verdict.MALICIOUS.nominalThreatLevel()).isEqualTo(1.0);
        assertThat(Verdict.LIKELY_MALICIOUS.apiName()).isEqualTo("LIKELY_MALICIOUS");
    }

    @ParameterizedTest
    @CsvSource({"in_progress, IN_PROGRESS, false, false", "success, SUCCESS, true, true",
        "SUCCESS_PARTIAL, SUCCESS_PARTIAL, true, true", "failed, FAILED, true, false",
        "failed_partial, FAILED_PARTIAL, true, false", "weird, UNKNOWN, false, false"})
    void shouldParseOverallStates(String text, OverallState expected, boolean terminal, boolean success) {
        OverallState state = OverallState.parse(text);

        assertThat(state).isEqualTo(expected);
        assertThat(state.isTerminal()).isEqualTo(terminal);
        assertThat(state.isSuccess()).isEqualTo(success);
    }
}
