package io.sandboxpipeline.submitter;

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
    /** The call queues: per call and lane, ordered by due time. */
    public static final String CALL_QUEUE_STORE = "submitter-call-queue";
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
}
