package io.sandboxpipeline.enricher;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.streams.PipelineConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The enricher stage's configuration.
 *
 * @param pipeline            what all stages share
 * @param enrich              fetch the extended report (tags, signal groups, IOCs); when false verdicts pass through bare
 * @param maxInFlight         extended-report requests in flight per stream task
 * @param retryDeadline       how long a fetch is retried on retryable errors before the verdict is published without it
 * @param retryBackoff        first wait after a retryable error; doubles per attempt up to {@link #MAX_RETRY_BACKOFF}
 * @param punctuationInterval how often requests are dispatched and results drained
 * @param jsonMirror          also publish every verdict as a JSON object on {@code <prefix>verdicts-json}
 * @param iocFeed             aggregate the verdicts' indicators of compromise onto {@code <prefix>ioc-feed}
 * @param iocFeedMaxTags      how many tag names an IOC feed entry keeps (the first seen)
 */
public record EnricherConfig(PipelineConfig pipeline, boolean enrich, int maxInFlight, Duration retryDeadline,
                             Duration retryBackoff, Duration punctuationInterval, boolean jsonMirror, boolean iocFeed,
                             int iocFeedMaxTags) {

    public static final String STAGE = "enricher";
    /**
     * The longest wait between two fetches of one report. A finished verdict waits for its tags meanwhile, so the
     * waits stay short: a run of unlucky answers must not hold a SOC's verdict back for minutes.
     */
    public static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(15);

    public EnricherConfig {
        Objects.requireNonNull(pipeline, "pipeline");
        if (maxInFlight < 1) {
            throw new ConfigException("enricher.max.in.flight must be at least 1, got " + maxInFlight);
        }
        if (retryDeadline.isNegative()) {
            throw new ConfigException("enricher.retry.deadline must not be negative, got " + retryDeadline);
        }
        if (retryBackoff.isNegative() || retryBackoff.isZero()) {
            throw new ConfigException("enricher.retry.backoff must be positive, got " + retryBackoff);
        }
        if (punctuationInterval.toMillis() < 10) {
            throw new ConfigException("enricher.punctuation.interval must be at least 10ms, got " + punctuationInterval);
        }
        if (iocFeedMaxTags < 0 || iocFeedMaxTags > 1_000) {
            throw new ConfigException("enricher.ioc.feed.max.tags must be between 0 and 1000, got " + iocFeedMaxTags);
        }
    }

    public static EnricherConfig from(ConfigValues values) {
        return new EnricherConfig(PipelineConfig.from(values),
                values.getBoolean("enricher.enrich", true),
                values.getInt("enricher.max.in.flight", 16),
                values.getDuration("enricher.retry.deadline", Duration.ofMinutes(10)),
                values.getDuration("enricher.retry.backoff", Duration.ofSeconds(2)),
                values.getDuration("enricher.punctuation.interval", Duration.ofMillis(100)),
                values.getBoolean("enricher.json.mirror", false),
                values.getBoolean("enricher.ioc.feed", true),
                values.getInt("enricher.ioc.feed.max.tags", 20));
    }
}
