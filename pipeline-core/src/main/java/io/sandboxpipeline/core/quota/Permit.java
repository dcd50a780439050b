package io.sandboxpipeline.core.quota;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Leave to make one Sandbox call. Holding it occupies one of the endpoint's concurrent-call slots until
 * {@link #release()}, which the caller invokes when the call completes, from whatever thread completes it (typically an
 * HTTP callback: {@code future.whenComplete((r, e) -> permit.release())}). Releasing twice is harmless.
 */
public final class Permit {

    private final EndpointQuota quota;
    private final Lane lane;
    private final String taskId;
    private final AtomicBoolean released = new AtomicBoolean();

    Permit(EndpointQuota quota, Lane lane, String taskId) {
        this.quota = quota;
        this.lane = lane;
        this.taskId = taskId;
    }

    /** Returns the concurrency slot; only the first call has an effect. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            quota.release(lane);
        }
    }

    public boolean isReleased() {
        return released.get();
    }

    public SandboxEndpoint endpoint() {
        return quota.endpoint();
    }

    public Lane lane() {
        return lane;
    }

    public String taskId() {
        return taskId;
    }

    @Override
    public String toString() {
        return "Permit[" + quota.endpoint() + ", " + lane + ", task " + taskId + (released.get() ? ", released]" : "]");
    }
}
