package io.sandboxpipeline.submitter;

import java.util.List;
import java.util.Locale;

/**
 * The submitter's names: its stage, its state stores, its processors and sinks, as the topology wires them and the
 * processors address them. A leaf: it imports nothing of the submitter, so the processors need not know the topology.
 */
public final class SubmitterNames {

    public static final String STAGE_NAME = "submitter";
    /** Event attribute that carries the password of an encrypted archive. */
    public static final String PASSWORD_ATTRIBUTE = "sandbox.password";

    public static final String PENDING_HASHES_STORE = "submitter-pending-hashes";
    public static final String HASH_WORK_STORE = "submitter-hash-work";
    /** Where each content waits in the call queues (its call, lane and due time), by sha256. */
    public static final String PENDING_CALLS_STORE = "submitter-pending-calls";
    /**
     * The call queues, one store each (a drained queue's deleted keys must not lie in the path of another queue's
     * scans): reputation look-ups and uploads, live and replay, each ordered by due time.
     */
    public static final List<String> CALL_QUEUE_STORES = List.of(callQueueStore("REPUTATION", "LIVE"),
            callQueueStore("REPUTATION", "REPLAY"), callQueueStore("UPLOAD", "LIVE"), callQueueStore("UPLOAD", "REPLAY"));
    public static final String VERDICT_CACHE_STORE = "submitter-verdict-cache";

    public static final String ARRIVALS_SOURCE = "file-arrivals-source";
    public static final String HASH_FILES = "hash-files";
    public static final String SCAN_REQUESTS_SOURCE = "scan-requests-source";
    public static final String SCAN_RESULTS_SOURCE = "scan-results-source";
    public static final String SUBMIT_SCANS = "submit-scans";
    public static final String TO_SCAN_REQUESTS = "hash-files-to-scan-requests";
    public static final String HASH_TO_OUTCOMES = "hash-files-to-outcomes";
    public static final String TO_DEAD_LETTERS = "hash-files-to-dead-letters";
    public static final String TO_SCAN_FLOWS = "submit-scans-to-scan-flows";
    public static final String SUBMIT_TO_OUTCOMES = "submit-scans-to-outcomes";
    public static final String TO_VERDICT_CACHE = "submit-scans-to-verdict-cache";
    /** Used only when a record's metadata is unavailable, to name the schema subject. */
    public static final String INPUT_FALLBACK_TOPIC = "file-arrivals";

    private SubmitterNames() {
    }

    /** The store of one call queue, e.g. {@code submitter-upload-queue-replay}. */
    public static String callQueueStore(String call, String lane) {
        return "submitter-" + call.toLowerCase(Locale.ROOT) + "-queue-" + lane.toLowerCase(Locale.ROOT);
    }
}
