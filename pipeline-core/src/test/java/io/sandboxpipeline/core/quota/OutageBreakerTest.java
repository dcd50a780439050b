package io.sandboxpipeline.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutageBreakerTest {

    private final QuotaLimiter limiter = new QuotaLimiter(QuotaConfig.unlimited());

    private boolean canCall(long nowMs) {
        return limiter.tryAcquire(SandboxEndpoint.UPLOAD, Lane.LIVE, "0_0", nowMs).map(permit -> {
            permit.release();
            return true;
        }).orElse(false);
    }

    @Test
    void shouldStopCallingAfterFiveOutagesInARowAndProbeAfterTheCooldown() {
        for (int i = 0; i < 4; i++) {
            limiter.onOutage(SandboxEndpoint.UPLOAD, 1_000);
        }
        assertThat(canCall(1_000)).isTrue();

        limiter.onOutage(SandboxEndpoint.UPLOAD, 1_000);

        assertThat(limiter.isBreakerOpen(SandboxEndpoint.UPLOAD, 1_500)).isTrue();
        assertThat(canCall(2_999)).isFalse();
        assertThat(canCall(3_000)).as("one probe after 2 s").isTrue();
        assertThat(canCall(3_001)).as("only one probe at a time").isFalse();
        assertThat(canCall(1_000)).isFalse();
        assertThat(limiter.tryAcquire(SandboxEndpoint.REPORT, Lane.LIVE, "0_0", 1_500)).as("other endpoints unaffected").isPresent();
    }

    @Test
    void shouldLetAnotherProbeGoWhenTheProbeNeverReachedTheSandbox() {
        for (int i = 0; i < 5; i++) {
            limiter.onOutage(SandboxEndpoint.UPLOAD, 0);
        }
        assertThat(canCall(2_000)).as("the probe").isTrue();
        assertThat(canCall(2_100)).isFalse();

        // e.g. its file could not be read, or it answered from a search without uploading: nothing to judge by
        limiter.onNoAnswer(SandboxEndpoint.UPLOAD);

        assertThat(canCall(2_200)).as("another probe at once, not after the probe timeout").isTrue();
        assertThat(canCall(2_300)).as("still one probe at a time: the breaker has not closed").isFalse();
    }

    @Test
    void shouldResumeByItselfWhenTheProbeIsAnswered() {
        for (int i = 0; i < 5; i++) {
            limiter.onOutage(SandboxEndpoint.UPLOAD, 0);
        }
        assertThat(canCall(2_000)).isTrue();

        limiter.onSuccess(SandboxEndpoint.UPLOAD, 2_100);

        assertThat(limiter.isBreakerOpen(SandboxEndpoint.UPLOAD, 2_100)).isFalse();
        assertThat(canCall(2_100)).isTrue();
        assertThat(canCall(2_100)).isTrue();
    }

    @Test
    void shouldWaitTwiceAsLongWhenTheProbeFails() {
        for (int i = 0; i < 5; i++) {
            limiter.onOutage(SandboxEndpoint.UPLOAD, 0);
        }
        assertThat(canCall(2_000)).isTrue();

        limiter.onOutage(SandboxEndpoint.UPLOAD, 2_000);

        assertThat(canCall(5_999)).isFalse();
        assertThat(canCall(6_000)).isTrue();
    }

    @Test
    void shouldNotOpenOnOccasionalFailuresBetweenAnswers() {
        for (int i = 0; i < 20; i++) {
            limiter.onOutage(SandboxEndpoint.UPLOAD, i);
            limiter.onSuccess(SandboxEndpoint.UPLOAD, i);
        }

        assertThat(limiter.isBreakerOpen(SandboxEndpoint.UPLOAD, 20)).isFalse();
    }
}
