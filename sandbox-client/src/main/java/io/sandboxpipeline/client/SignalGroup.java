package io.sandboxpipeline.client;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code allSignalGroups}: a detection with its strength and verdict.
 *
 * @param identifier e.g. {@code H000}, {@code Y002}
 * @param description e.g. "Executable section has an unusual entropy"
 * @param verdict {@code verdict.verdict} (UNKNOWN when absent)
 * @param mitreTechniques {@code allMitreTechniques} (the service omits it when empty)
 */
public record SignalGroup(String identifier, String description, double averageSignalStrength,
        double peakSignalStrength, double finalSignalStrength, Verdict verdict, List<MitreTechnique> mitreTechniques) {

    public SignalGroup {
        Objects.requireNonNull(identifier, "identifier must not be null");
        Objects.requireNonNull(description, "description must not be null (use an empty string when unknown)");
        Objects.requireNonNull(verdict, "verdict must not be null (use Verdict.UNKNOWN)");
        mitreTechniques = List.copyOf(
                Objects.requireNonNull(mitreTechniques, "mitreTechniques must not be null (use an empty list)"));
    }
}
