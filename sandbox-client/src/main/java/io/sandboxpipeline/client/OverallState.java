package io.sandboxpipeline.client;

import java.util.Locale;

/** A report's {@code overallState}; the service sends it in lower case ({@code in_progress}, {@code success}, ...). */
public enum OverallState {
    IN_PROGRESS,
    SUCCESS,
    SUCCESS_PARTIAL,
    FAILED,
    FAILED_PARTIAL,
    UNKNOWN;

    /** Case-insensitive; {@code null}, blank or unrecognised values map to {@link #UNKNOWN}. */
    public static OverallState parse(String s) {
        if (s == null || s.isBlank()) {
            return UNKNOWN;
        }
        String normalised = s.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (OverallState state : values()) {
            if (state.name().equals(normalised)) {
                return state;
            }
        }
        return UNKNOWN;
    }

    /** The states in which the report will not change any more (the set OPSWAT's own browser extension waits for). */
    public boolean isTerminal() {
        return this == SUCCESS || this == SUCCESS_PARTIAL || this == FAILED || this == FAILED_PARTIAL;
    }

    /** True when {@code finalVerdict} holds the actual verdict (Workflow Guide: success or success_partial). */
    public boolean isSuccess() {
        return this == SUCCESS || this == SUCCESS_PARTIAL;
    }
}
