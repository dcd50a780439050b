package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReportFilterTest {

    /** Raises four signal groups (EICAR, SUSPICIOUS, BENIGN markers and a URL) with distinct strengths. */
    private static final String CONTENT = SandboxApi.EICAR + "\nSANDBOX-TEST:SUSPICIOUS SANDBOX-TEST:BENIGN\n"
            + "see http://cdn.example.com/x.js or 198.51.100.23\n";

    @RegisterExtension
    final RunningEmulator sandbox = RunningEmulator.scanningIn(Duration.ofSeconds(4),
            config -> config.queueDuration(Duration.ofSeconds(1)));

    private String flowId;

    @BeforeEach
    void submit() {
        flowId = sandbox.api().submitText("mixed.txt", CONTENT);
    }

    @Test
    void shouldReturnOnlyBasicDataWithoutFilter() {
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode report = sandbox.api().onlyReport(flowId, "");

        assertThat(fieldNames(report)).contains("overallState", "positionInQueue", "finalVerdict", "file",
                        "created_date", "estimatedTime", "estimated_progress", "scanOptions")
                .doesNotContain("allTags", "allSignalGroups", "iocs", "taskReference", "resources");
        assertThat(report.get("estimatedTime").isTextual()).isTrue();
        assertThat(report.get("finalVerdict").get("verdict").asText()).isEqualTo("MALICIOUS");
    }

    @Test
    void shouldIncludeExactlyTheSelectedSections() {
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode report = sandbox.api().onlyReport(flowId, "filter=general&filter=finalVerdict");

        assertThat(fieldNames(report)).containsExactlyInAnyOrder("finalVerdict", "file", "filesDownloadFinished",
                "additionalStepsRunning", "additionalStepsDone", "created_date", "defaultOptionsUsed", "scanOptions",
                "estimatedTime", "estimated_progress");
    }

    @Test
    void shouldReportUnknownFiltersAsFilterErrorsWithoutFailing() {
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode report = sandbox.api().onlyReport(flowId, "filter=finalVerdict&filter=bogus&filter=wi:all");

        assertThat(report.get("finalVerdict").get("verdict").asText()).isEqualTo("MALICIOUS");
        assertThat(report.get("filter_errors").toString())
                .isEqualTo("[\"Resource not found: ['bogus', 'whois-lookup']\"]");
    }

    @Test
    void shouldServeFileResourcesOnlyOnceTheScanHasFinished() {
        sandbox.clock().advance(Duration.ofSeconds(2));
        JsonNode scanning = sandbox.api().onlyReport(flowId, "filter=f:all&filter=o:all&filter=overallState");
        sandbox.clock().advance(Duration.ofSeconds(2));
        JsonNode finished = sandbox.api().onlyReport(flowId, "filter=f:all&filter=o:all");

        assertThat(scanning.get("overallState").asText()).isEqualTo("in_progress");
        assertThat(scanning.get("filter_errors").toString()).isEqualTo("[\"Resource not found: ['file', 'osint']\"]");
        assertThat(scanning.has("resources")).isFalse();
        assertThat(finished.has("filter_errors")).isFalse();
        List<String> types = finished.get("resources").findValuesAsText("type");
        assertThat(types).contains("TRANSFORM_FILE", "OSINT");
        assertThat(finished.get("resources").findValue("digests").get("SHA-256").asText())
                .isEqualTo(SandboxApi.sha256(CONTENT.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldSortTagsByName() {
        sandbox.clock().advance(Duration.ofSeconds(4));

        List<String> ascending = tagNames(
                sandbox.api().onlyReport(flowId, "filter=allTags&sorting=allTags(tag.name:asc)"));
        List<String> descending = tagNames(
                sandbox.api().onlyReport(flowId, "filter=allTags&sorting=allTags(tag.name:desc)"));

        assertThat(ascending).hasSizeGreaterThan(2).isSorted();
        assertThat(descending).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(descending).containsExactlyInAnyOrderElementsOf(ascending);
    }

    @Test
    void shouldSortSignalGroupsByTheRequestedFields() {
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode byStrength = sandbox.api().onlyReport(flowId,
                "filter=allSignalGroups&sorting=allSignalGroups(averageSignalStrength:desc)").get("allSignalGroups");
        JsonNode byPeak = sandbox.api().onlyReport(flowId,
                "filter=allSignalGroups&sorting=allSignalGroups(peakSignalStrength:asc)").get("allSignalGroups");
        JsonNode byDescription = sandbox.api().onlyReport(flowId,
                "filter=allSignalGroups&sorting=allSignalGroups(description:asc,averageSignalStrength:desc)")
                .get("allSignalGroups");

        assertThat(byStrength).hasSize(4);
        assertThat(doubles(byStrength, "averageSignalStrength")).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(doubles(byPeak, "peakSignalStrength")).isSorted();
        assertThat(texts(byDescription, "description")).hasSize(4).isSorted();
    }

    @Test
    void shouldDescribeSignalGroupsWithMitreTechniques() {
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode groups = sandbox.api().onlyReport(flowId, "filter=allSignalGroups").get("allSignalGroups");
        JsonNode eicar = groups.get(0);

        assertThat(eicar.get("identifier").asText()).isNotBlank();
        assertThat(eicar.get("verdict").get("verdict").asText()).isEqualTo("MALICIOUS");
        JsonNode technique = eicar.get("allMitreTechniques").get(0);
        assertThat(technique.get("ID").asText()).startsWith("T");
        assertThat(technique.get("name").asText()).isNotBlank();
        assertThat(technique.get("relatedTactic").get("ID").asText()).startsWith("TA");
        assertThat(technique.get("relatedTactic").get("name").asText()).isNotBlank();
        assertThat(eicar.get("peakSignalStrength").asDouble()).isEqualTo(1.0);
        assertThat(eicar.get("signals").get(0).get("originIdentifier").asText())
                .isEqualTo(SandboxApi.sha256(CONTENT.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldListIocsFoundInTheContent() {
        sandbox.clock().advance(Duration.ofSeconds(4));

        JsonNode iocs = sandbox.api().onlyReport(flowId, "filter=iocs").get("iocs");

        assertThat(iocs.get("url").findValuesAsText("data")).containsExactly("http://cdn.example.com/x.js");
        assertThat(iocs.get("domain").findValuesAsText("data")).containsExactly("cdn.example.com");
        assertThat(iocs.get("ip").findValuesAsText("data")).containsExactly("198.51.100.23");
        JsonNode own = iocs.get("sha256").get(0);
        assertThat(own.get("data").asText()).isEqualTo(SandboxApi.sha256(CONTENT.getBytes(StandardCharsets.UTF_8)));
        assertThat(own.has("verdict")).as("items rate nothing, as in the 2023 captures").isFalse();
        assertThat(own.get("origins").get(0).get("type").asText()).isEqualTo("INPUT_FILE");
        assertThat(iocs.get("sha1").get(0).get("data").asText()).hasSize(40);
        assertThat(iocs.get("md5").get(0).get("data").asText()).hasSize(32);
        assertThat(iocs.get("sha512").get(0).get("data").asText()).hasSize(128);
        assertThat(iocs.findValues("verdict")).isEmpty();
    }

    @Test
    void shouldReferenceTheMainTaskAndItsSubtasks() {
        sandbox.clock().advance(Duration.ofSeconds(2));
        JsonNode scanning = sandbox.api().onlyReport(flowId, "filter=taskReference&filter=subtaskReferences");
        sandbox.clock().advance(Duration.ofSeconds(2));
        JsonNode finished = sandbox.api().onlyReport(flowId, "filter=taskReference&filter=subtaskReferences.state");

        assertThat(scanning.get("taskReference").get("state").asText()).isEqualTo("IN_PROGRESS");
        assertThat(scanning.get("subtaskReferences")).isEmpty();
        assertThat(finished.get("taskReference").get("name").asText()).isEqualTo("transform-file");
        assertThat(finished.get("taskReference").get("state").asText()).isEqualTo("SUCCESS");
        assertThat(finished.get("taskReference").get("additionalInfo").get("submitName").asText())
                .isEqualTo("mixed.txt");
        assertThat(finished.get("subtaskReferences").get(0).get("state").asText()).isEqualTo("SUCCESS");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> tagNames(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.get("allTags").forEach(tag -> names.add(tag.get("tag").get("name").asText()));
        return names;
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }

    private static List<Double> doubles(JsonNode items, String field) {
        List<Double> values = new ArrayList<>();
        items.forEach(item -> values.add(item.get(field).asDouble()));
        return values;
    }
}
