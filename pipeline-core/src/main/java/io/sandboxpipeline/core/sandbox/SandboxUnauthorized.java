package io.sandboxpipeline.core.sandbox;

import io.sandboxpipeline.client.ErrorKind;
import io.sandboxpipeline.client.SandboxException;
import java.util.Optional;

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

    /**
     * The one check every processor makes of a failed call: a rejected API key stops the stage (thrown on the stream
     * thread); every other error is left to the caller as data.
     */
    public static void stopIfRejectedKey(String stage, Optional<SandboxException> error) {
        if (error.isPresent() && error.get().kind() == ErrorKind.UNAUTHORIZED) {
            throw new SandboxUnauthorized(stage, error.get().getMessage());
        }
    }
}
