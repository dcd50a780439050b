package io.sandboxpipeline.core.sandbox;

/**
 * Thrown on the stream thread when the Sandbox rejects the API key (401/403). Retrying cannot help and
 * dead-lettering every event would lose them, so the stage stops with this message instead.
 */
public final class SandboxUnauthorized extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SandboxUnauthorized(String stage, String detail) {
        super("The Sandbox rejected the API key (" + detail + "); the " + stage
                + " stage stops. Check SANDBOX_API_KEY / SANDBOX_API_KEY_FILE and restart: unfinished work resumes from the state stores.");
    }
}
