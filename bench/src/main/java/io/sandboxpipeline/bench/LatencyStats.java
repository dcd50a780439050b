package io.sandboxpipeline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Percentiles of event-to-verdict latencies, by the nearest-rank method: the p-th percentile is the smallest value
 * that at least p% of the values do not exceed.
 *
 * @param count how many latencies
 */
record LatencyStats(int count, Duration p50, Duration p95, Duration p99, Duration max) {

    static final LatencyStats NONE = new LatencyStats(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    static LatencyStats of(Collection<Duration> latencies) {
        if (latencies.isEmpty()) {
            return NONE;
        }
        List<Duration> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        return new LatencyStats(sorted.size(), rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
                sorted.get(sorted.size() - 1));
    }

    private static Duration rank(List<Duration> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
