package io.sandboxpipeline.emulator;

/**
 * The Sandbox API operations the emulator tells apart when it counts requests and injects per-endpoint latency.
 * Requests are classified by path (and method where the path is shared), before authentication.
 */
public enum Endpoint {
    /** {@code GET /api/reputation/hash}. */
    REPUTATION_HASH,
    /** {@code POST /api/reputation/hash}. */
    REPUTATION_HASH_BULK,
    /** {@code GET|POST /api/reputation/{ioc_type}}. */
    REPUTATION_IOC,
    /** {@code POST /api/scan/file}. */
    SCAN_FILE,
    /** {@code POST /api/scan/url}. */
    SCAN_URL,
    /** {@code GET /api/scan/{flow_id}/report}. */
    REPORT,
    /** {@code GET /api/users/me}. */
    USERS_ME,
    /** {@code GET /api/system/config}. */
    SYSTEM_CONFIG,
    /** {@code GET /api/reports/search}. */
    REPORTS_SEARCH,
    /** Any other path. */
    OTHER
}
