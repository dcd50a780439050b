package io.sandboxpipeline.client;

import java.util.Locale;

/**
 * The Sandbox's risk-score verdict, as reported in {@code finalVerdict.verdict} (upper case) and in reputation answers
 * (lower case).
 *
 * <p>Severity is judged by {@link #nominalThreatLevel()}, the number the service documents as stable ("use the
 * threatLevel field"), giving the threat order {@code BENIGN < UNKNOWN < NO_THREAT < SUSPICIOUS < LIKELY_MALICIOUS <
 * MALICIOUS}. Do not compare verdicts with {@code compareTo}: the declaration order puts UNKNOWN first.
 */
public enum Verdict {
    UNKNOWN(0.0),
    BENIGN(-1.0),
    NO_THREAT(0.1),
    SUSPICIOUS(0.5),
    LIKELY_MALICIOUS(0.75),
    MALICIOUS(1.0);

    private final double nominalThreatLevel;

    Verdict(double nominalThreatLevel) {
        this.nominalThreatLevel = nominalThreatLevel;
    }

    /**
     * Parses a verdict in any case. {@code INFORMATIONAL}, the pre-2.0 name, maps to {@link #NO_THREAT} (the service
     * renamed it); spaces and dashes count as underscores; {@code null}, blank and unrecognised values map to
     * {@link #UNKNOWN}.
     */
    public static Verdict parse(String s) {
        if (s == null || s.isBlank()) {
            return UNKNOWN;
        }
        String normalised = s.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (normalised.equals("INFORMATIONAL")) {
            return NO_THREAT;
        }
        for (Verdict verdict : values()) {
            if (verdict.name().equals(normalised)) {
                return verdict;
            }
        }
        return UNKNOWN;
    }

    /** True when this verdict is as severe as {@code other} or worse, by threat level (BENIGN is the least severe). */
    public boolean isAtLeast(Verdict other) {
        return nominalThreatLevel >= other.nominalThreatLevel;
    }

    /** The threatLevel the service documents for this verdict: -1, 0, 0.1, 0.5, 0.75, 1. */
    public double nominalThreatLevel() {
        return nominalThreatLevel;
    }

    /** The upper-case name used in report bodies, e.g. {@code LIKELY_MALICIOUS}. */
    public String apiName() {
        return name();
    }
}
