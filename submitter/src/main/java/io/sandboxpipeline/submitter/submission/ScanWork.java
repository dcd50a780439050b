package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.core.async.MeteredCalls;
import io.sandboxpipeline.core.quota.Lane;
import io.sandboxpipeline.schemas.HashWork;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.schemas.WorkPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Operations on the in-flight work of one sha256: the events it answers, and how one result answers them all. */
final class ScanWork {

    /** Event attribute that asks for a fresh scan: no cached or reputation verdict answers that event. */
    static final String RESCAN_ATTRIBUTE = "sandbox.rescan";

    private ScanWork() {
    }

    static HashWork start(ScanRequest request, WorkPhase phase, Instant now) {
        return HashWork.newBuilder()
                .setSha256(request.getSha256())
                .setPhase(phase)
                .setRepresentative(request)
                .setWaiting(List.of(request))
                .setFlowId(null)
                .setCreatedAt(now)
                .build();
    }

    /** The same work with one more event waiting for its verdict (a re-delivered event is not added twice). */
    static HashWork attach(HashWork work, ScanRequest request) {
        String eventId = request.getEvent().getEventId();
        if (work.getWaiting().stream().anyMatch(w -> w.getEvent().getEventId().equals(eventId))) {
            return work;
        }
        List<ScanRequest> waiting = new ArrayList<>(work.getWaiting());
        waiting.add(request);
        return HashWork.newBuilder(work).setWaiting(waiting).build();
    }

    /**
     * Whether the request is the poller's, to scan again after a failed scan: hashing always sends attempt 1, the
     * poller raises the attempt number with each new scan it asks for.
     */
    static boolean isRetryAfterFailedScan(ScanRequest request) {
        return request.getAttempt() > 1;
    }

    static boolean forcesRescan(ScanRequest request) {
        Map<String, String> attributes = request.getEvent().getAttributes();
        return "true".equalsIgnoreCase(attributes.get(RESCAN_ATTRIBUTE));
    }

    /** One outcome per waiting event: the same result, each with its own event. */
    static List<ScanOutcome> answerAll(List<ScanRequest> waiting, ScanOutcome result) {
        List<ScanOutcome> outcomes = new ArrayList<>(waiting.size());
        for (ScanRequest request : waiting) {
            outcomes.add(ScanOutcome.newBuilder(result).setEvent(request.getEvent()).build());
        }
        return outcomes;
    }

    /** Work a live event waits for is live work, even if a replay of the same content started it. */
    static Lane laneOf(HashWork current) {
        boolean live = current.getWaiting().stream()
                .anyMatch(r -> MeteredCalls.laneOf(r.getEvent().getLane()) == Lane.LIVE);
        return live ? Lane.LIVE : Lane.REPLAY;
    }
}
