package io.sandboxpipeline.emulator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe request and response counters behind {@link EmulatorStats}. */
final class RequestCounters {

    private final EnumMap<Endpoint, LongAdder> requests = new EnumMap<>(Endpoint.class);
    private final ConcurrentHashMap<Integer, LongAdder> responses = new ConcurrentHashMap<>();

    RequestCounters() {
        for (Endpoint endpoint : Endpoint.values()) {
            requests.put(endpoint, new LongAdder());
        }
    }

    void request(Endpoint endpoint) {
        requests.get(endpoint).increment();
    }

    void response(int status) {
        responses.computeIfAbsent(status, code -> new LongAdder()).increment();
    }

    long requests(Endpoint endpoint) {
        return requests.get(endpoint).sum();
    }

    Map<Endpoint, Long> requestsByEndpoint() {
        EnumMap<Endpoint, Long> snapshot = new EnumMap<>(Endpoint.class);
        requests.forEach((endpoint, count) -> snapshot.put(endpoint, count.sum()));
        return Collections.unmodifiableMap(snapshot);
    }

    Map<Integer, Long> responsesByStatus() {
        TreeMap<Integer, Long> snapshot = new TreeMap<>();
        responses.forEach((status, count) -> snapshot.put(status, count.sum()));
        return Collections.unmodifiableMap(snapshot);
    }
}
