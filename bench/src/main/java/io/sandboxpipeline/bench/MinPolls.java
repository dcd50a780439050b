package io.sandboxpipeline.bench;

import io.sandboxpipeline.emulator.Endpoint;
import java.time.Duration;

/**
 * The fewest report polls that see a scan finished as early as the service allows: those of a client that polls on the
 * schedule the service asks for ({@link ServicePolling}: first 2 s after the upload's answer, then every
 * {@code max(2 s, pollPause)}), until the first poll at or after the scan's finish. The scan finishes
 * {@code scanDuration} after the emulator accepted the upload, and the client learns the flow id one upload latency
 * later, so the polls are counted against {@code scanDuration - uploadLatency}:
 * <pre>
 *   n = 1                                                  if ready <= firstWait
 *   n = 1 + ceil((ready - firstWait) / interval)           otherwise, ready = scanDuration - uploadLatency
 * </pre>
 * Nothing here comes from the pipeline's own poll policy, so the target "polls per scan within the minimum + 1" would
 * catch a pipeline whose schedule drifted from the service's.
 */
final class MinPolls {

    private MinPolls() {
    }

    /** The formula for any schedule: polls at {@code firstPoll + k * interval} against a scan ready at {@code ready}. */
    static int of(Duration ready, Duration firstPoll, Duration interval) {
        return new ServicePolling(firstPoll, interval).pollsUntil(ready);
    }

    /** The minimum for the emulated Sandbox of a run, by the service's rules. */
    static int forService(SandboxSpec spec) {
        Duration ready = spec.scanDuration().minus(spec.latencyOf(Endpoint.SCAN_FILE));
        return ServicePolling.forPollPause(spec.pollPause()).pollsUntil(ready);
    }
}
