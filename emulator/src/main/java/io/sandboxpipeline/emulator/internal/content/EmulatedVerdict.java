package io.sandboxpipeline.emulator.internal.content;

import java.util.Collection;
import java.util.Locale;

/**
 * The Sandbox's verdicts with their official {@code threatLevel}. Reports spell them upper-case
 * ({@link #name()}); reputation and {@code sourceArchive.verdict} lower-case ({@link #lowerCase()}).
 */
public enum EmulatedVerdict {
    BENIGN(-1),
    UNKNOWN(0),
    NO_THREAT(0.1),
    SUSPICIOUS(0.5),
    LIKELY_MALICIOUS(0.75),
    MALICIOUS(1);

    private final double threatLevel;

    EmulatedVerdict(double threatLevel) {
        this.threatLevel = threatLevel;
    }

    public double threatLevel() {
        return threatLevel;
    }

    public String lowerCase() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worst (highest threat level) of several verdicts; {@code fallback} when there are none. */
    public static EmulatedVerdict worstOf(Collection<EmulatedVerdict> verdicts, EmulatedVerdict fallback) {
        return verdicts.stream().max((a, b) -> Double.compare(a.threatLevel, b.threatLevel)).orElse(fallback);
    }
}
