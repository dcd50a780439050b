package io.sandboxpipeline.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The steady-arrival comparison: events arrive one every {@code 1 / ratePerSecond} for {@code duration}, and both systems
 * run under the same quota of {@code quotaRps} requests per second (enforced by their emulators; the pipeline is also
 * told it through its own {@code quota.*} settings).
 *
 * @param ratePerSecond events per second
 * @param duration      how long events keep arriving
 * @param quotaRps      requests per second the API key may make (0 = no quota)
 */
record SteadySpec(double ratePerSecond, Duration duration, double quotaRps) {

    SteadySpec {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("--steady-rate must be a positive number of events per second, but was "
                    + ratePerSecond);
        }
        Objects.requireNonNull(duration, "duration must not be null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--steady-duration must be positive, but was " + duration);
        }
        if (!(quotaRps >= 0) || Double.isInfinite(quotaRps)) {
            throw new IllegalArgumentException("--steady-quota-rps must be 0 (no quota) or a positive number of requests "
                    + "per second, but was " + quotaRps);
        }
        if (Math.round(ratePerSecond * duration.toNanos() / 1e9) < 1) {
            throw new IllegalArgumentException("--steady-rate " + ratePerSecond + "/s for " + duration
                    + " makes no event; raise either");
        }
    }

    /** Events of the run: {@code round(rate * duration)}. */
    int events() {
        return (int) Math.round(ratePerSecond * duration.toNanos() / 1e9);
    }

    /** Time between two arrivals. */
    Duration spacing() {
        return Duration.ofNanos(Math.round(1e9 / ratePerSecond));
    }

    /**
     * The steady workload: {@link #events()} events with the main workload's share of distinct contents, share of
     * reputation-known contents, file size and seed.
     */
    WorkloadSpec workload(WorkloadSpec main) {
        int events = events();
        int unique = (int) Math.max(1, Math.min(events, Math.round((double) events * main.unique() / main.events())));
        return new WorkloadSpec(events, unique, main.knownShare(), main.fileSizeBytes(), main.seed());
    }

    /** The emulated Sandbox of the run: the main settings with this run's quota. */
    SandboxSpec sandbox(SandboxSpec main) {
        return new SandboxSpec(main.scanDuration(), main.pollPause(), main.latency(), quotaRps);
    }

    /**
     * The pipeline's own quota for this run, split so its three budgets add up to the emulator's quota: a quarter for
     * reputation look-ups, a quarter for uploads, half for report requests (polls and extended-report fetches). Empty
     * without a quota. A {@code --set quota.*} of the user's wins over these.
     */
    Map<String, String> pipelineQuota() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (quotaRps > 0) {
            settings.put("quota.reputation.per.second", number(quotaRps / 4));
            settings.put("quota.upload.per.second", number(quotaRps / 4));
            settings.put("quota.report.per.second", number(quotaRps / 2));
        }
        return settings;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
