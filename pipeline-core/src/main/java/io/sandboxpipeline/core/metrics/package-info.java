/**
 * What the pipeline tells Prometheus: {@link io.sandboxpipeline.core.metrics.PipelineMetrics} (events, verdicts, cache,
 * retries, poll cadence, work in flight) for the processors, {@link io.sandboxpipeline.core.metrics.MeteredSandboxApi}
 * for every Sandbox call, {@link io.sandboxpipeline.core.metrics.QuotaMetrics} for the call limiter and
 * {@link io.sandboxpipeline.core.metrics.StreamsMetricsBinding} for Kafka Streams' own metrics.
 *
 * <p>Meter names use Micrometer's dotted form ({@code sandbox.pipeline.events.in}); the Prometheus registry renders
 * them as {@code sandbox_pipeline_events_in_total}. Every meter carries a {@code stage} tag, so one registry can serve
 * {@code run all}. No meter or tag ever holds the API key, a file name, a hash or a flow id: tag values come from small
 * fixed sets (endpoints, statuses, verdicts), so the number of series stays bounded.
 */
package io.sandboxpipeline.core.metrics;
