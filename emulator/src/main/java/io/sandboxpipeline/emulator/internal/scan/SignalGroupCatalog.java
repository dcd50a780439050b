package io.sandboxpipeline.emulator.internal.scan;

import io.sandboxpipeline.emulator.internal.content.ContentFindings;
import io.sandboxpipeline.emulator.internal.content.EmulatedVerdict;
import io.sandboxpipeline.emulator.internal.content.Marker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The signal groups the emulator raises, each tied to something found in the content. */
final class SignalGroupCatalog {

    /** A MITRE ATT&CK technique with its tactic. */
    record Technique(String id, String name, String tacticId, String tacticName) {
    }

    /**
     * One signal group as shown in {@code allSignalGroups}.
     *
     * @param strengths one signal per strength; average/peak/final strengths derive from them
     * @param tags      SIGNAL tag names the group (and the report's {@code allTags}) carries
     */
    record Definition(String identifier, String description, List<Technique> techniques, List<Double> strengths,
                      EmulatedVerdict verdict, List<String> tags, String signalReadable, String originPath) {

        double averageStrength() {
            return strengths.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }

        double peakStrength() {
            return strengths.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    private static final Definition EICAR = new Definition("Y002", "Matched a malicious YARA rule",
            List.of(new Technique("T1204.002", "Malicious File", "TA0002", "Execution")), List.of(1.0),
            EmulatedVerdict.MALICIOUS, List.of("eicar", "test-file"),
            "Matched YARA rule \"EICAR_Test_File\" (the EICAR anti-virus test string)", "file.yaraMatches");
    private static final Definition LIKELY_MALICIOUS = marker("SBX075", Marker.LIKELY_MALICIOUS,
            new Technique("T1027", "Obfuscated Files or Information", "TA0005", "Defense Evasion"),
            List.of(0.75, 0.5), EmulatedVerdict.LIKELY_MALICIOUS);
    private static final Definition SUSPICIOUS = marker("SBX050", Marker.SUSPICIOUS,
            new Technique("T1059", "Command and Scripting Interpreter", "TA0002", "Execution"),
            List.of(0.5, 0.25), EmulatedVerdict.SUSPICIOUS);
    private static final Definition BENIGN = new Definition("SBX000",
            "Contains the " + Marker.BENIGN.text() + " test marker (trusted test file)", List.of(), List.of(0.0),
            EmulatedVerdict.BENIGN, List.of("test-file", "trusted"),
            "Found the test marker \"" + Marker.BENIGN.text() + "\"", "file.strings");
    private static final Definition URLS = new Definition("U001", "Contains one or more URLs",
            List.of(new Technique("T1071.001", "Web Protocols", "TA0011", "Command and Control")), List.of(0.25),
            EmulatedVerdict.NO_THREAT, List.of(), "The file contains URLs", "file.extractedUrls");

    private SignalGroupCatalog() {
    }

    /** The groups a file's content raises, most severe first (a stable, deterministic order). */
    static List<Definition> groupsFor(ContentFindings findings) {
        List<Definition> groups = new ArrayList<>();
        definitionOf(Marker.EICAR, findings).ifPresent(groups::add);
        definitionOf(Marker.LIKELY_MALICIOUS, findings).ifPresent(groups::add);
        definitionOf(Marker.SUSPICIOUS, findings).ifPresent(groups::add);
        definitionOf(Marker.BENIGN, findings).ifPresent(groups::add);
        if (!findings.iocs().urls().isEmpty()) {
            groups.add(URLS);
        }
        return groups;
    }

    private static Optional<Definition> definitionOf(Marker marker, ContentFindings findings) {
        if (!findings.has(marker)) {
            return Optional.empty();
        }
        switch (marker) {
            case EICAR:
                return Optional.of(EICAR);
            case LIKELY_MALICIOUS:
                return Optional.of(LIKELY_MALICIOUS);
            case SUSPICIOUS:
                return Optional.of(SUSPICIOUS);
            case BENIGN:
                return Optional.of(BENIGN);
            default:
                return Optional.empty();
        }
    }

    private static Definition marker(String identifier, Marker marker, Technique technique, List<Double> strengths,
                                     EmulatedVerdict verdict) {
        return new Definition(identifier, "Contains the " + marker.text() + " test marker", List.of(technique),
                strengths, verdict, List.of("test-file", "sandbox-test"),
                "Found the test marker \"" + marker.text() + "\"", "file.strings");
    }
}
