/**
 * How much of the Sandbox a stage instance may use, and who among its calls goes first.
 *
 * <p>{@link io.sandboxpipeline.core.quota.QuotaLimiter} is the one class stages call: before each Sandbox call a
 * punctuator asks {@code tryAcquire(endpoint, lane, taskId, nowMs)} and dispatches only with a
 * {@link io.sandboxpipeline.core.quota.Permit}, which it releases when the call completes; it reports 429s and
 * successes back so the limiter can adapt. Configuration is {@link io.sandboxpipeline.core.quota.QuotaConfig}
 * ({@code quota.*} keys). The design decisions, each explained where it is implemented:
 * <ul>
 *   <li>rates as token buckets with a one-second burst ({@code TokenBucket});</li>
 *   <li>AIMD on 429: halve, floor 10%, +2% per success, pause for Retry-After ({@code RateAdaptation});</li>
 *   <li>a reserved share for live calls that replay may borrow only while live is idle ({@code LanePolicy});</li>
 *   <li>fairness between stream tasks by counting grants ({@code TaskFairness}).</li>
 * </ul>
 */
package io.sandboxpipeline.core.quota;
