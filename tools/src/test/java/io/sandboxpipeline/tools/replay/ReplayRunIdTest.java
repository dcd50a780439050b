package io.sandboxpipeline.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReplayRunIdTest {

    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T23:59:59Z"), ZoneOffset.UTC);

    @Test
    void shouldDeriveAReadableIdFromTheSourceAndTheDate() {
        RunId id = RunId.derive("s3://incoming/reports/2024/", clock);

        assertThat(id.value()).matches("incoming-reports-2024-[0-9a-f]{6}-20250301");
        assertThat(RunId.derive("s3://incoming/reports/2024/", clock)).isEqualTo(id);
        assertThat(RunId.derive("/srv/other/reports/2024", clock)).isNotEqualTo(id);
    }

    @Test
    void shouldKeepDerivedIdsShortAndValidForAnySource() {
        RunId id = RunId.derive("/" + "very-long-directory-name/".repeat(20) + "ünïcode ✓", clock);

        assertThat(id.value()).hasSizeLessThanOrEqualTo(100).matches("[A-Za-z0-9][A-Za-z0-9._-]*");
        assertThat(RunId.derive("///", clock).value()).startsWith("replay-");
    }

    @Test
    void shouldGiveEachUriOneStableEventIdPerRun() {
        RunId run = new RunId("run-a");

        assertThat(run.eventIdOf("s3://b/k")).isEqualTo(run.eventIdOf("s3://b/k")).startsWith("replay:run-a:")
                .isNotEqualTo(run.eventIdOf("s3://b/k2")).isNotEqualTo(new RunId("run-b").eventIdOf("s3://b/k"));
    }

    @Test
    void shouldRefuseIdsThatCannotNameAFile() {
        assertThatThrownBy(() -> new RunId("../etc")).hasMessageContaining("a run id must start with a letter or digit");
        assertThatThrownBy(() -> new RunId("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunId("x".repeat(101))).isInstanceOf(IllegalArgumentException.class);
    }
}
