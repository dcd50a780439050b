package io.sandboxpipeline.emulator.internal.scan;

/** Where a flow is in its clock-driven life. */
public enum FlowPhase {
    /** {@code state:"queued"}, {@code reports:{}}. */
    QUEUED("queued"),
    /** {@code state:"scanning"}, reports with {@code overallState:"in_progress"}. */
    IN_PROGRESS("scanning"),
    /** {@code state:"finished"}, {@code allFinished:true}. */
    FINISHED("finished");

    private final String state;

    FlowPhase(String state) {
        this.state = state;
    }

    /** The flow's {@code state} ({@code ScanState}). */
    public String state() {
        return state;
    }
}
