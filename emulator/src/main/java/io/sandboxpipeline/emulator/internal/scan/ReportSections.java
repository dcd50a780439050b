package io.sandboxpipeline.emulator.internal.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sandboxpipeline.emulator.internal.content.ContentFindings;
import io.sandboxpipeline.emulator.internal.content.EmulatedVerdict;
import io.sandboxpipeline.emulator.internal.content.Iocs;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The content-derived sections of a finished, successful report (shapes of docs/sandbox-api/README.md §3.4-3.6). */
final class ReportSections {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String INPUT_FILE = "INPUT_FILE";

    private ReportSections() {
    }

    /** {@code {"verdict": "MALICIOUS", "threatLevel": 1, "confidence": 1}}. */
    static ObjectNode verdict(EmulatedVerdict verdict) {
        ObjectNode node = NODES.objectNode().put("verdict", verdict.name());
        JsonNumbers.put(node, "threatLevel", verdict.threatLevel());
        return node.put("confidence", 1);
    }

    /** The MEDIA_TYPE root tag followed by each group's SIGNAL tags (first occurrence). */
    static ArrayNode allTags(FileReport report) {
        ContentFindings findings = report.findings();
        ArrayNode tags = NODES.arrayNode();
        ObjectNode root = tags.addObject()
                .put("source", "MEDIA_TYPE")
                .put("sourceIdentifier", findings.sha256())
                .put("isRootTag", true);
        root.set("tag", tag(findings.mediaType().tagName(), EmulatedVerdict.NO_THREAT));
        Set<String> seen = new LinkedHashSet<>();
        for (SignalGroupCatalog.Definition group : SignalGroupCatalog.groupsFor(findings)) {
            for (String name : group.tags()) {
                if (seen.add(name)) {
                    tags.add(signalTag(findings, name, group.verdict()));
                }
            }
        }
        return tags;
    }

    static ArrayNode allSignalGroups(FileReport report) {
        ContentFindings findings = report.findings();
        ArrayNode groups = NODES.arrayNode();
        for (SignalGroupCatalog.Definition definition : SignalGroupCatalog.groupsFor(findings)) {
            ObjectNode group = groups.addObject()
                    .put("identifier", definition.identifier())
                    .put("recommendsFullScan", false)
                    .put("description", definition.description());
            if (!definition.techniques().isEmpty()) {
                ArrayNode techniques = group.putArray("allMitreTechniques");
                definition.techniques().forEach(technique -> {
                    ObjectNode node = techniques.addObject().put("ID", technique.id());
                    node.putObject("relatedTactic").put("ID", technique.tacticId()).put("name", technique.tacticName());
                    node.put("name", technique.name());
                });
            }
            JsonNumbers.put(group, "averageSignalStrength", definition.averageStrength());
            JsonNumbers.put(group, "peakSignalStrength", definition.peakStrength());
            JsonNumbers.put(group, "finalSignalStrength", definition.peakStrength());
            group.set("verdict", verdict(definition.verdict()));
            ArrayNode groupTags = group.putArray("allTags");
            definition.tags().forEach(name -> groupTags.add(signalTag(findings, name, definition.verdict())));
            ArrayNode signals = group.putArray("signals");
            for (int i = 0; i < definition.strengths().size(); i++) {
                ObjectNode signal = signals.addObject();
                JsonNumbers.put(signal, "strength", definition.strengths().get(i));
                signal.put("isStrictlyBasedOnInputData", true)
                        .put("signalReadable", definition.signalReadable() + (i == 0 ? "" : " (" + (i + 1) + ")"))
                        .put("originPath", definition.originPath())
                        .put("originType", INPUT_FILE)
                        .put("originIdentifier", findings.sha256())
                        .put("impactsFinalVerdict", true);
                signal.set("tags", groupTags.deepCopy());
            }
        }
        return groups;
    }

    /**
     * {@code {"sha1":[...],"sha256":[...],"sha512":[...],"md5":[...],"url":[...],"domain":[...],"ip":[...],
     * "email":[...],"uuid":[...],"registry_path":[...]}} in the shape of the 2023 captures: items
     * {@code {data, origins:[{type, identifier}], isInteresting}} with no verdict of their own (none of the 2023
     * captures rates an item; a 2024 capture rates the input file's own hash and calls the rest UNKNOWN). The input
     * file's own hashes are among the hash IOCs, as in the captures.
     */
    static ObjectNode iocs(FileReport report) {
        ContentFindings findings = report.findings();
        Iocs found = findings.iocs();
        ObjectNode iocs = NODES.objectNode();
        List<String> sha256s = new ArrayList<>();
        sha256s.add(findings.sha256());
        found.sha256s().stream().filter(hash -> !hash.equals(findings.sha256())).forEach(sha256s::add);
        iocs.set("sha1", iocItems(findings.sha256(), List.of(findings.sha1())));
        iocs.set("sha256", iocItems(findings.sha256(), sha256s));
        iocs.set("sha512", iocItems(findings.sha256(), List.of(findings.sha512())));
        iocs.set("md5", iocItems(findings.sha256(), List.of(findings.md5())));
        iocs.set("url", iocItems(findings.sha256(), found.urls()));
        iocs.set("domain", iocItems(findings.sha256(), found.domains()));
        iocs.set("ip", iocItems(findings.sha256(), found.ips()));
        iocs.set("email", iocItems(findings.sha256(), found.emails()));
        iocs.set("uuid", iocItems(findings.sha256(), found.uuids()));
        iocs.set("registry_path", iocItems(findings.sha256(), found.registryPaths()));
        return iocs;
    }

    /** The {@code f:} resource: the main file. */
    static ObjectNode fileResource(FileReport report) {
        ContentFindings findings = report.findings();
        ObjectNode resource = NODES.objectNode();
        resource.set("resourceReference", resourceReference("TRANSFORM_FILE", "file", report.ids().fileResource()));
        resource.put("submitName", report.fileName());
        resource.put("fileSize", findings.size());
        resource.putObject("digests")
                .put("SHA-256", findings.sha256())
                .put("SHA-1", findings.sha1())
                .put("MD5", findings.md5());
        resource.putObject("mediaType").put("string", findings.mediaType().mimeType());
        resource.set("verdict", verdict(report.verdict()));
        resource.set("allTags", allTags(report));
        strings(resource.putArray("extractedUrls"), findings.iocs().urls());
        strings(resource.putArray("extractedDomains"), findings.iocs().domains());
        strings(resource.putArray("extractedIPs"), findings.iocs().ips());
        strings(resource.putArray("extractedHashesSHA256"), findings.iocs().sha256s());
        return resource;
    }

    /** The {@code o:} resource: OSINT lookups (the emulator has no OSINT sources). */
    static ObjectNode osintResource(FileReport report) {
        ObjectNode resource = NODES.objectNode();
        resource.set("resourceReference", resourceReference("OSINT", "osint", report.ids().osintResource()));
        resource.putArray("results");
        resource.set("verdict", verdict(report.verdict()));
        return resource;
    }

    static ObjectNode resourceReference(String type, String name, String id) {
        return NODES.objectNode().put("type", type).put("name", name).put("ID", id);
    }

    private static ObjectNode tag(String name, EmulatedVerdict verdict) {
        ObjectNode tag = NODES.objectNode().put("name", name);
        tag.putArray("synonyms");
        tag.putArray("descriptions");
        tag.set("verdict", verdict(verdict));
        return tag;
    }

    private static ObjectNode signalTag(ContentFindings findings, String name, EmulatedVerdict verdict) {
        ObjectNode node = NODES.objectNode()
                .put("source", "SIGNAL")
                .put("sourceIdentifier", findings.sha256())
                .put("isRootTag", false);
        node.set("tag", tag(name, verdict));
        return node;
    }

    private static ArrayNode iocItems(String origin, List<String> values) {
        ArrayNode items = NODES.arrayNode();
        for (String value : values) {
            ObjectNode item = items.addObject().put("data", value);
            item.putArray("origins").addObject().put("type", INPUT_FILE).put("identifier", origin);
            item.put("isInteresting", false);
        }
        return items;
    }

    private static void strings(ArrayNode target, List<String> values) {
        values.forEach(target::add);
    }
}
