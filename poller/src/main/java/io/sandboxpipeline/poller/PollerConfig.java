package io.sandboxpipeline.poller;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.streams.PipelineConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The poller stage's configuration.
 *
 * @param pipeline            what all stages share
 * @param policy              when to poll a flow next
 * @param maxScanAttempts     scans per event (the first plus retries of failed scans) before it ends as failed
 * @param maxInFlightPolls    report requests in flight per stream task
 * @param punctuationInterval how often due polls are dispatched and results drained
 */
public record PollerConfig(PipelineConfig pipeline, PollPolicy policy, int maxScanAttempts, int maxInFlightPolls,
                           Duration punctuationInterval) {

    public static final String STAGE = "poller";

    public PollerConfig {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(policy, "policy");
        if (maxScanAttempts < 1) {
            throw new ConfigException("poller.max.scan.attempts must be at least 1, got " + maxScanAttempts);
        }
        if (maxInFlightPolls < 1) {
            throw new ConfigException("poller.max.in.flight.polls must be at least 1, got " + maxInFlightPolls);
        }
        if (punctuationInterval.toMillis() < 10) {
            throw new ConfigException("poller.punctuation.interval must be at least 10ms, got " + punctuationInterval);
        }
    }

    public static PollerConfig from(ConfigValues values) {
        PollPolicy policy = new PollPolicy(
                values.getDuration("poller.min.poll.interval", PollPolicy.SERVICE_MINIMUM),
                values.getDuration("poller.max.poll.interval", Duration.ofSeconds(30)),
                values.getInt("poller.polls.before.backoff", 15),
                values.getDouble("poller.backoff.factor", 1.5),
                values.getDuration("poller.scan.deadline", Duration.ofMinutes(30)));
        return new PollerConfig(PipelineConfig.from(values), policy,
                values.getInt("poller.max.scan.attempts", 3),
                values.getInt("poller.max.in.flight.polls", 64),
                values.getDuration("poller.punctuation.interval", Duration.ofMillis(100)));
    }
}
