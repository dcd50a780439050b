package io.sandboxpipeline.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.client.internal.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

    @Test
    void shouldReadDeltaSeconds() {
        assertThat(RetryAfter.parse("0", clock)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse(" 30 ", clock)).contains(Duration.ofSeconds(30));
    }

    @Test
    void shouldReadTheThreeHttpDateFormats() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:29:00 GMT", clock)).contains(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse("Wednesday, 21-Oct-15 07:29:00 GMT", clock)).contains(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse("Wed Oct 21 07:29:00 2015", clock)).contains(Duration.ofMinutes(1));
    }

    @Test
    void shouldNeverReturnANegativeWait() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", clock)).contains(Duration.ZERO);
    }

    @Test
    void shouldCapAbsurdWaitsAtADay() {
        assertThat(RetryAfter.parse("99999999999999", clock)).contains(Duration.ofDays(1));
        assertThat(RetryAfter.parse("864000", clock)).contains(Duration.ofDays(1));
    }

    @Test
    void shouldIgnoreWhatIsNeitherSecondsNorADate() {
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
        assertThat(RetryAfter.parse("", clock)).isEmpty();
        assertThat(RetryAfter.parse("-5", clock)).isEmpty();
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
    }
}
