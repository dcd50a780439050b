package io.sandboxpipeline.tools.verdicts;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.Lane;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.Verdict;
import io.sandboxpipeline.serde.AvroClassTrust;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerdictFilterTest {

    static {
        // records built without a serde: Avro must be told which generated classes it may load (see AvroClassTrust)
        AvroClassTrust.declarePipelineSchemas();
    }

    private final EnrichedVerdict suspiciousReplay = VerdictPrinterTest.archiveVerdict();

    private static EnrichedVerdict with(EnrichedVerdict verdict, Verdict value, Lane lane, OutcomeStatus status) {
        return EnrichedVerdict.newBuilder(verdict).setVerdict(value).setLane(lane).setStatus(status).build();
    }

    @Test
    void shouldLetEverythingThroughWithoutCriteria() {
        assertThat(VerdictFilter.all().test(suspiciousReplay)).isTrue();
    }

    @Test
    void shouldAcceptAnyOfTheVerdictsGiven() {
        VerdictFilter filter = new VerdictFilter(Set.of(Verdict.MALICIOUS, Verdict.SUSPICIOUS), Optional.empty(), Set.of());

        assertThat(filter.test(suspiciousReplay)).isTrue();
        assertThat(filter.test(with(suspiciousReplay, Verdict.MALICIOUS, Lane.LIVE, OutcomeStatus.DONE))).isTrue();
        assertThat(filter.test(with(suspiciousReplay, Verdict.NO_THREAT, Lane.REPLAY, OutcomeStatus.DONE))).isFalse();
    }

    @Test
    void shouldRequireTheLaneAndOneOfTheStatusesAsWell() {
        VerdictFilter filter = new VerdictFilter(Set.of(Verdict.SUSPICIOUS), Optional.of(Lane.LIVE),
                Set.of(OutcomeStatus.DONE, OutcomeStatus.TIMED_OUT));

        assertThat(filter.test(suspiciousReplay)).as("replay lane").isFalse();
        assertThat(filter.test(with(suspiciousReplay, Verdict.SUSPICIOUS, Lane.LIVE, OutcomeStatus.DONE))).isTrue();
        assertThat(filter.test(with(suspiciousReplay, Verdict.SUSPICIOUS, Lane.LIVE, OutcomeStatus.TIMED_OUT))).isTrue();
        assertThat(filter.test(with(suspiciousReplay, Verdict.SUSPICIOUS, Lane.LIVE, OutcomeStatus.FAILED))).isFalse();
    }
}
