package io.sandboxpipeline.client.internal;

/** The Sandbox endpoints the client calls, named by method and path template (never with values). */
public enum Endpoint {
    HASH_REPUTATION("GET", "/api/reputation/hash"),
    HASH_REPUTATION_BULK("POST", "/api/reputation/hash"),
    IOC_REPUTATION("GET", "/api/reputation/{ioc_type}"),
    SCAN_FILE("POST", "/api/scan/file"),
    SCAN_URL("POST", "/api/scan/url"),
    SCAN_REPORT("GET", "/api/scan/{flow_id}/report"),
    USERS_ME("GET", "/api/users/me"),
    SYSTEM_CONFIG("GET", "/api/system/config"),
    REPORTS_SEARCH("GET", "/api/reports/search");

    private final String method;
    private final String template;

    Endpoint(String method, String template) {
        this.method = method;
        this.template = template;
    }

    public String method() {
        return method;
    }

    /** e.g. {@code GET /api/scan/{flow_id}/report}, as {@link io.sandboxpipeline.client.SandboxException#endpoint()}. */
    public String label() {
        return method + " " + template;
    }
}
