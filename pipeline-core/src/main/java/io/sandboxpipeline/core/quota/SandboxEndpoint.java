package io.sandboxpipeline.core.quota;

import java.util.Locale;

/**
 * The Sandbox calls whose capacity is budgeted separately. Admins set API quotas per route, so each route gets its own
 * rate, concurrency and 429 state: a 429 on uploads must not stop report polling.
 */
public enum SandboxEndpoint {
    /** {@code GET /api/reputation/hash}: the cheap lookup that may save an upload. */
    REPUTATION,
    /** {@code POST /api/scan/file}: starts a flow; on-prem instances scan only ~0.1-0.5 files/s. */
    UPLOAD,
    /** {@code GET /api/scan/{flow_id}/report}: polling a flow's report. */
    REPORT;

    /** The name used in configuration keys, e.g. {@code upload} in {@code quota.upload.per.second}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
