package io.sandboxpipeline.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sandboxpipeline.core.quota.SandboxEndpoint;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PipelineMetrics metrics = new PipelineMetrics(registry, "submitter");

    private double counter(String name, String... tags) {
        return registry.get(name).tag("stage", "submitter").tags(tags).counter().count();
    }

    @Test
    void shouldCountEventsVerdictsAndDeadLettersByWhatAUserFiltersOn() {
        metrics.eventIn();
        metrics.eventIn();
        metrics.verdictOut("MALICIOUS", "REPUTATION", "DONE");
        metrics.verdictOut("MALICIOUS", "SANDBOX", "DONE");
        metrics.verdictOut("MALICIOUS", "SANDBOX", "DONE");
        metrics.verdictOut(null, "NONE", "FAILED");
        metrics.deadLetter("INVALID_EVENT");

        assertThat(counter(PipelineMetrics.EVENTS_IN)).isEqualTo(2);
        assertThat(counter(PipelineMetrics.VERDICTS_OUT, "verdict", "MALICIOUS", "decided_by", "SANDBOX", "status", "DONE")).isEqualTo(2);
        assertThat(counter(PipelineMetrics.VERDICTS_OUT, "verdict", "MALICIOUS", "decided_by", "REPUTATION", "status", "DONE")).isEqualTo(1);
        assertThat(counter(PipelineMetrics.VERDICTS_OUT, "verdict", "none", "decided_by", "NONE", "status", "FAILED"))
                .as("a failed event has no verdict").isEqualTo(1);
        assertThat(counter(PipelineMetrics.DEAD_LETTERS, "error_type", "INVALID_EVENT")).isEqualTo(1);
    }

    @Test
    void shouldCountCacheHitsAndMissesSoTheHitRatioCanBeDerived() {
        metrics.cacheHit();
        metrics.cacheHit();
        metrics.cacheHit();
        metrics.cacheMiss();

        double hits = counter(PipelineMetrics.CACHE_HITS);
        double misses = counter(PipelineMetrics.CACHE_MISSES);
        assertThat(hits / (hits + misses)).isEqualTo(0.75);
    }

    @Test
    void shouldCountCoalescedEventsAndRetriesPerEndpoint() {
        metrics.coalesced();
        metrics.retry(SandboxEndpoint.UPLOAD);
        metrics.retry("upload");
        metrics.retry("reputation");

        assertThat(counter(PipelineMetrics.EVENTS_COALESCED)).isEqualTo(1);
        assertThat(counter(PipelineMetrics.RETRIES, "endpoint", "upload")).isEqualTo(2);
        assertThat(counter(PipelineMetrics.RETRIES, "endpoint", "reputation")).isEqualTo(1);
    }

    @Test
    void shouldCountFlowsFoundForUploadsWhoseAnswerWasLost() {
        metrics.lostUploadFound();
        metrics.lostUploadFound();

        assertThat(counter(PipelineMetrics.LOST_UPLOADS_FOUND)).isEqualTo(2);
    }

    @Test
    void shouldRecordPollDelaysInBucketsAroundThePollCadence() {
        metrics.pollDelay(Duration.ofSeconds(2));
        metrics.pollDelay(Duration.ofSeconds(5));
        metrics.pollDelay(Duration.ofSeconds(12));
        metrics.pollDelay(Duration.ofMillis(-1));

        Timer timer = registry.get(PipelineMetrics.POLL_DELAY).tag("stage", "submitter").timer();
        assertThat(timer.count()).as("a negative gap (clock skew) is not a poll delay").isEqualTo(3);
        assertThat(timer.max(TimeUnit.SECONDS)).isEqualTo(12);
        CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
        assertThat(Arrays.stream(buckets).filter(b -> b.bucket(TimeUnit.SECONDS) == 2).findFirst().orElseThrow().count()).isEqualTo(1);
        assertThat(Arrays.stream(buckets).filter(b -> b.bucket(TimeUnit.SECONDS) == 5).findFirst().orElseThrow().count()).isEqualTo(2);
        assertThat(Arrays.stream(buckets).filter(b -> b.bucket(TimeUnit.SECONDS) == 30).findFirst().orElseThrow().count()).isEqualTo(3);
    }

    @Test
    void shouldTimeVerdictsFromArrivalToPublicationPerDecider() {
        metrics.verdictLatency(Duration.ofMillis(40), "CACHE");
        metrics.verdictLatency(Duration.ofMinutes(3), "SANDBOX");
        metrics.verdictLatency(Duration.ofMinutes(4), "SANDBOX");

        Timer sandbox = registry.get(PipelineMetrics.VERDICT_LATENCY).tags("stage", "submitter", "decided_by", "SANDBOX").timer();
        Timer cache = registry.get(PipelineMetrics.VERDICT_LATENCY).tags("stage", "submitter", "decided_by", "CACHE").timer();
        assertThat(sandbox.count()).isEqualTo(2);
        assertThat(sandbox.totalTime(TimeUnit.MINUTES)).isEqualTo(7);
        assertThat(cache.max(TimeUnit.MILLISECONDS)).isEqualTo(40);
    }

    @Test
    void shouldSumInFlightFlowsOverEveryTaskAndForgetATaskThatClosed() {
        AtomicInteger task0 = new AtomicInteger(3);
        AtomicInteger task1 = new AtomicInteger(4);
        Registration first = metrics.inFlightFlows(task0::get);
        metrics.inFlightFlows(task1::get);

        assertThat(gauge(PipelineMetrics.FLOWS_IN_FLIGHT)).isEqualTo(7);
        task1.set(10);
        assertThat(gauge(PipelineMetrics.FLOWS_IN_FLIGHT)).as("read at scrape time").isEqualTo(13);

        first.close();
        first.close();

        assertThat(gauge(PipelineMetrics.FLOWS_IN_FLIGHT)).as("a task moved away on a rebalance").isEqualTo(10);
    }

    @Test
    void shouldShowZeroPendingPollsBeforeAnyTaskRegisteredAndSkipASourceThatFails() {
        assertThat(gauge(PipelineMetrics.POLLS_PENDING)).isZero();

        metrics.pendingPolls(() -> 5);
        metrics.pendingPolls(() -> {
            throw new IllegalStateException("store closed");
        });

        assertThat(gauge(PipelineMetrics.POLLS_PENDING)).isEqualTo(5);
    }

    @Test
    void shouldKeepStagesApartInOneRegistry() {
        PipelineMetrics poller = new PipelineMetrics(registry, "poller");
        poller.eventIn();
        metrics.inFlightFlows(() -> 1);
        poller.inFlightFlows(() -> 2);

        assertThat(registry.get(PipelineMetrics.EVENTS_IN).tag("stage", "poller").counter().count()).isEqualTo(1);
        assertThat(counter(PipelineMetrics.EVENTS_IN)).isZero();
        assertThat(registry.get(PipelineMetrics.FLOWS_IN_FLIGHT).tag("stage", "poller").gauge().value()).isEqualTo(2);
        assertThat(gauge(PipelineMetrics.FLOWS_IN_FLIGHT)).isEqualTo(1);
    }

    @Test
    void shouldAcceptEveryCallWhenNoop() {
        PipelineMetrics noop = PipelineMetrics.noop();

        assertThatCode(() -> {
            noop.eventIn();
            noop.verdictOut("NO_THREAT", "SANDBOX", "DONE");
            noop.deadLetter("UNDESERIALIZABLE");
            noop.cacheHit();
            noop.retry("report");
            noop.pollDelay(Duration.ofSeconds(2));
            noop.inFlightFlows(() -> 1).close();
            noop.pendingPolls(() -> 1).close();
        }).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseABlankStageOrEndpointWithAMessageThatSaysWhatIsExpected() {
        assertThatThrownBy(() -> new PipelineMetrics(registry, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stage must not be blank");
        assertThatThrownBy(() -> metrics.retry(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint must not be blank");
    }

    private double gauge(String name) {
        return registry.get(name).tag("stage", "submitter").gauge().value();
    }
}
