package io.sandboxpipeline.bench;

import io.sandboxpipeline.emulator.EmulatorStats;
import io.sandboxpipeline.emulator.Endpoint;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an emulator has counted at one moment: requests per endpoint, answers per HTTP status, and accepted
 * submissions per sha256 of interest. The difference of two snapshots is what happened in between, so calls made to
 * prepare a run (teaching the reputation) are not charged to the measured system.
 */
record CallCounts(Map<Endpoint, Long> requests, Map<Integer, Long> statuses, Map<String, Long> submissionsByHash) {

    CallCounts {
        requests = Collections.unmodifiableMap(new EnumMap<>(requests));
        statuses = Collections.unmodifiableMap(new TreeMap<>(statuses));
        submissionsByHash = Collections.unmodifiableMap(new LinkedHashMap<>(submissionsByHash));
    }

    static CallCounts of(EmulatorStats stats, Collection<String> hashes) {
        Map<String, Long> submissions = new LinkedHashMap<>();
        hashes.forEach(hash -> submissions.put(hash, stats.submissionsOfHash(hash)));
        EnumMap<Endpoint, Long> requests = new EnumMap<>(Endpoint.class);
        requests.putAll(stats.requestsByEndpoint());
        return new CallCounts(requests, stats.responsesByStatus(), submissions);
    }

    /** This snapshot minus an earlier one. */
    CallCounts minus(CallCounts earlier) {
        EnumMap<Endpoint, Long> requestDiff = new EnumMap<>(Endpoint.class);
        for (Endpoint endpoint : Endpoint.values()) {
            requestDiff.put(endpoint, requests(endpoint) - earlier.requests(endpoint));
        }
        Map<Integer, Long> statusDiff = new TreeMap<>();
        statuses.forEach((status, count) -> {
            long diff = count - earlier.statuses.getOrDefault(status, 0L);
            if (diff != 0) {
                statusDiff.put(status, diff);
            }
        });
        Map<String, Long> submissionDiff = new LinkedHashMap<>();
        submissionsByHash.forEach((hash, count) ->
                submissionDiff.put(hash, count - earlier.submissionsByHash.getOrDefault(hash, 0L)));
        return new CallCounts(requestDiff, statusDiff, submissionDiff);
    }

    long requests(Endpoint endpoint) {
        return requests.getOrDefault(endpoint, 0L);
    }

    long totalRequests() {
        return requests.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Accepted submissions of the given hashes. */
    long submissionsOf(Collection<String> hashes) {
        return hashes.stream().mapToLong(hash -> submissionsByHash.getOrDefault(hash, 0L)).sum();
    }

    /** Reputation look-ups, single and bulk requests alike. */
    long reputationCalls() {
        return requests(Endpoint.REPUTATION_HASH) + requests(Endpoint.REPUTATION_HASH_BULK);
    }
}
