package io.sandboxpipeline.bench;

import io.sandboxpipeline.emulator.Endpoint;
import java.time.Duration;

/**
 * The earliest any client that polls as the service asks ({@link ServicePolling}) could see the last verdict of a
 * workload, counted from the first event's arrival: a true lower bound of the makespan, so a ratio below 1 would mean
 * the measurement is wrong.
 *
 * <p>For one upload, by the emulator's own clock ({@code ScanDesk}, {@code ApiDispatcher}): the emulator accepts the
 * upload when the request arrives and its scan is finished {@code scanDuration} later (the emulator's queued phase,
 * 0.5 s by default, lies within {@code scanDuration}: it is cut to it, not added). The answer with the flow id comes one
 * upload latency later; the first poll is allowed 2 s after that answer and later ones every {@code max(2 s, pollPause)};
 * a poll sees the scan finished when it arrives at or after the finish, and its answer comes one report latency later:
 * <pre>
 *   scanFloor = uploadLatency + firstAllowedPollAtOrAfter(scanDuration - uploadLatency) + reportLatency
 * </pre>
 * With a 4 s scan, pollPause 5 and no latency the polls fall at 2 s and 7 s: the floor is 7 s.
 *
 * <p>With a quota of {@code q} requests per second the emulator's bucket holds {@code b = max(1, q)} tokens, so the n-th
 * request is admitted no sooner than {@code (n - b) / q} after the start. Every content that needs a scan needs an
 * upload, so the last of the {@code scanned} uploads is admitted no sooner than {@code (scanned - b) / q} and its verdict
 * is one scanFloor later; every distinct content needs at least one request, so no verdict of all of them is seen before
 * {@code (unique - b) / q}. The floor is the larger of the two. Left out, so that it stays a floor: the reputation
 * look-up (a client may skip it or batch it), the polls' own share of the quota, retries after 429 and all processing.
 */
final class MakespanFloor {

    private MakespanFloor() {
    }

    /**
     * @param uniqueHashes  distinct contents of the workload
     * @param scannedHashes distinct contents that need a scan (the reputation does not know them)
     */
    static Duration of(SandboxSpec spec, int uniqueHashes, int scannedHashes) {
        Duration scanned = scannedHashes == 0 ? Duration.ZERO
                : quotaWait(spec, scannedHashes).plus(scanFloor(spec));
        Duration all = quotaWait(spec, uniqueHashes);
        return scanned.compareTo(all) >= 0 ? scanned : all;
    }

    /** The earliest one upload's verdict can be seen, from the moment the upload is sent. */
    static Duration scanFloor(SandboxSpec spec) {
        Duration uploadLatency = spec.latencyOf(Endpoint.SCAN_FILE);
        Duration ready = spec.scanDuration().minus(uploadLatency);
        return uploadLatency
                .plus(ServicePolling.forPollPause(spec.pollPause()).firstPollAtOrAfter(ready))
                .plus(spec.latencyOf(Endpoint.REPORT));
    }

    /** The earliest the quota admits the {@code requests}-th request, from a full bucket; zero without a quota. */
    static Duration quotaWait(SandboxSpec spec, int requests) {
        if (!spec.hasQuota()) {
            return Duration.ZERO;
        }
        double burst = Math.max(1, spec.quotaRps());
        double seconds = Math.max(0, (requests - burst) / spec.quotaRps());
        return Duration.ofNanos((long) Math.ceil(seconds * 1e9));
    }
}
