package io.sandboxpipeline.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.client.internal.FlowReportParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parser against the real responses in {@code docs/sandbox-api/fixtures/}: every value of that folder's README
 * table, plus the enrichment sections (tags, signal groups, IOCs) where the capture has them.
 */
class CapturedReportParsingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Path fixtures() {
        try {
            return Path.of(CapturedReportParsingTest.class.getResource("/sandbox-api/fixtures/report_benign.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static FlowReport parse(String file) throws IOException {
        JsonNode root = MAPPER.readTree(fixtures().resolve(file).toFile());
        return FlowReportParser.parse(root, "requested-flow-id");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", delimiter = '|', quoteCharacter = '"', value = {
        // file                     | finished | reports | verdict        | threat | overallState    | archive | rejected         | filter_errors                          | tags | groups | iocs | mitre
        "report_badfile.json          | true     | 1 | MALICIOUS        | 1    | SUCCESS_PARTIAL | -      | -                | -                                      |  5 | 17 |  32 |  1",
        "report_benign.json           | true     | 1 | BENIGN           | -1   | SUCCESS         | BENIGN | -                | -                                      | 11 | 21 | 282 |  5",
        "report_informational.json    | true     | 1 | NO_THREAT        | 0.1  | SUCCESS         | -      | -                | -                                      |  1 |  1 |   0 |  0",
        "report_likely_malicious.json | true     | 1 | LIKELY_MALICIOUS | 0.75 | SUCCESS         | -      | -                | -                                      |  6 | 21 |  74 |  9",
        "report_malicious.json        | true     | 1 | MALICIOUS        | 1    | SUCCESS         | -      | -                | -                                      |  6 | 19 |  31 |  3",
        "report_no_threat.json        | true     | 1 | NO_THREAT        | 0.1  | SUCCESS_PARTIAL | -      | -                | -                                      |  1 |  2 |   3 |  0",
        "report_not_finished.json     | false    | 1 | UNKNOWN          | 0    | IN_PROGRESS     | -      | -                | Resource not found: ['osint', 'file']  |  0 |  0 |   0 |  0",
        "report_suspicious.json       | true     | 1 | SUSPICIOUS       | 0.5  | SUCCESS         | -      | -                | -                                      | 10 | 31 | 109 | 13",
        "report_zip_invalid_pass.json | true     | 0 | -                | -    | -               | -      | INVALID_PASSWORD | -                                      |  0 |  0 |   0 |  0",
    })
    void shouldYieldTheValuesOfTheFixtureTable(String file, boolean allFinished, int reportCount, Verdict verdict,
            Double threatLevel, OverallState overallState, Verdict archiveVerdict, String rejectedReason,
            String filterError, int tags, int signalGroups, int iocs, int mitreTechniques) throws IOException {
        FlowReport flow = parse(file);

        assertThat(flow.allFinished()).isEqualTo(allFinished);
        assertThat(flow.isFinished()).isEqualTo(allFinished);
        assertThat(flow.reports()).hasSize(reportCount);
        assertThat(flow.reportsAmount()).isEqualTo(reportCount);
        assertThat(flow.flowId()).matches("[0-9a-f]{24}");
        assertThat(flow.sourceArchive().flatMap(SourceArchive::verdict)).isEqualTo(Optional.ofNullable(archiveVerdict));
        if (rejectedReason == null) {
            assertThat(flow.rejectedFiles()).isEmpty();
        } else {
            assertThat(flow.rejectedFiles()).extracting(RejectedFile::reason).containsExactly(rejectedReason);
        }
        if (reportCount == 0) {
            return;
        }
        Report report = flow.reports().get(0);
        assertThat(report.reportId()).matches("[0-9a-f-]{36}");
        assertThat(report.overallState()).isEqualTo(overallState);
        assertThat(report.finalVerdict()).hasValueSatisfying(v -> {
            assertThat(v.verdict()).isEqualTo(verdict);
            assertThat(v.threatLevel()).isEqualTo(threatLevel);
            assertThat(v.confidence()).isEqualTo(1.0);
        });
        if (filterError == null) {
            assertThat(report.filterErrors()).isEmpty();
        } else {
            assertThat(report.filterErrors()).containsExactly(filterError);
        }
        assertThat(report.tags()).hasSize(tags);
        assertThat(report.signalGroups()).hasSize(signalGroups);
        assertThat(report.iocs()).hasSize(iocs);
        assertThat(report.signalGroups().stream().mapToInt(g -> g.mitreTechniques().size()).sum())
                .isEqualTo(mitreTechniques);
        assertThat(report.file()).hasValueSatisfying(f -> assertThat(f.sha256()).matches("[0-9a-f]{64}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "report_badfile.json, MALICIOUS, 1", "report_benign.json, BENIGN, -1",
        "report_informational.json, NO_THREAT, 0.1", "report_likely_malicious.json, LIKELY_MALICIOUS, 0.75",
        "report_malicious.json, MALICIOUS, 1", "report_no_threat.json, NO_THREAT, 0.1",
        "report_suspicious.json, SUSPICIOUS, 0.5"
    })
    void shouldDeriveTheFlowVerdictOfFinishedCaptures(String file, Verdict verdict, double threatLevel)
            throws IOException {
        FlowReport flow = parse(file);

        assertThat(flow.isFailed()).isFalse();
        assertThat(flow.failureReason()).isEmpty();
        assertThat(flow.verdict()).contains(verdict);
        assertThat(flow.threatLevel()).isEqualTo(threatLevel);
    }

    @Test
    void shouldTreatTheRejectedArchiveAsFailedWithItsReason() throws IOException {
        FlowReport flow = parse("report_zip_invalid_pass.json");

        assertThat(flow.isFinished()).isTrue();
        assertThat(flow.isFailed()).isTrue();
        assertThat(flow.failureReason()).contains("INVALID_PASSWORD");
        assertThat(flow.verdict()).isEmpty();
        assertThat(flow.sourceArchive()).hasValueSatisfying(a -> {
            assertThat(a.name()).isEqualTo("bad_files_mal.zip");
            assertThat(a.mimeType()).contains("application/zip");
        });
    }

    @Test
    void shouldNotGiveAVerdictWhileTheScanRuns() throws IOException {
        FlowReport flow = parse("report_not_finished.json");

        assertThat(flow.isFinished()).isFalse();
        assertThat(flow.isFailed()).isFalse();
        assertThat(flow.verdict()).isEmpty();
        assertThat(flow.pollPause()).hasValue(5);
        assertThat(flow.reports().get(0).estimatedProgress().getAsDouble()).isBetween(0.40, 0.41);
        assertThat(flow.reports().get(0).file()).hasValueSatisfying(f -> assertThat(f.type()).isEmpty());
    }

    @Test
    void shouldReadTagsSignalGroupsMitreAndIocsOfAMaliciousReport() throws IOException {
        Report report = parse("report_badfile.json").reports().get(0);

        assertThat(report.tags()).allSatisfy(t -> assertThat(t.name()).isNotBlank());
        assertThat(report.tags()).anySatisfy(t -> {
            assertThat(t.source()).isEqualTo("MEDIA_TYPE");
            assertThat(t.rootTag()).isTrue();
        });
        assertThat(report.signalGroups().get(0).identifier()).isEqualTo("Y002");
        assertThat(report.signalGroups().get(0).verdict()).isEqualTo(Verdict.MALICIOUS);
        assertThat(report.signalGroups().stream().flatMap(g -> g.mitreTechniques().stream()))
                .allSatisfy(t -> assertThat(t.id()).matches("T\\d{4}(\\.\\d{3})?"))
                .anySatisfy(t -> assertThat(t.tacticId()).isPresent());
        assertThat(report.iocs()).extracting(Ioc::type).contains("sha256", "url", "domain", "ip");
        assertThat(report.iocs()).filteredOn(i -> i.type().equals("sha256")).hasSize(6)
                .allSatisfy(i -> assertThat(i.value()).matches("[0-9a-f]{64}"));
    }

    @Test
    void shouldParseEveryCapturedFile() throws IOException {
        try (Stream<Path> files = Files.list(fixtures())) {
            assertThat(files.filter(p -> p.toString().endsWith(".json")))
                    .hasSizeGreaterThanOrEqualTo(9)
                    .allSatisfy(p -> assertThat(parse(p.getFileName().toString()).flowId()).isNotBlank());
        }
    }
}
