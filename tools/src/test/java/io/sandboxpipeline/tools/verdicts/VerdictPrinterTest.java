package io.sandboxpipeline.tools.verdicts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.Ioc;
import io.sandboxpipeline.schemas.Lane;
import io.sandboxpipeline.schemas.MemberVerdict;
import io.sandboxpipeline.schemas.MitreTechnique;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.SignalGroup;
import io.sandboxpipeline.schemas.Tag;
import io.sandboxpipeline.schemas.Verdict;
import io.sandboxpipeline.serde.AvroClassTrust;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class VerdictPrinterTest {

    static {
        // records built without a serde: Avro must be told which generated classes it may load (see AvroClassTrust)
        AvroClassTrust.declarePipelineSchemas();
    }

    private final ObjectMapper strict = new ObjectMapper();

    static EnrichedVerdict archiveVerdict() {
        return EnrichedVerdict.newBuilder()
                .setEventId("replay:run-1:42")
                .setUri("s3://mail/export \"2024\".zip")
                .setSha256("ab".repeat(32))
                .setName("export.zip")
                .setSourceSystem("replay")
                .setLane(Lane.REPLAY)
                .setVerdict(Verdict.SUSPICIOUS)
                .setThreatLevel(0.5)
                .setConfidence(null)
                .setDecidedBy(Decider.SANDBOX)
                .setFlowId("65e1f0a2b3c4d5e6f7a8b9c0")
                .setArchiveVerdict(Verdict.SUSPICIOUS)
                .setMembers(List.of(new MemberVerdict("notes.txt", null, Verdict.NO_THREAT, 0.1, null),
                        new MemberVerdict("payment.docm", "cd".repeat(32), Verdict.SUSPICIOUS, 0.5, null)))
                .setTags(List.of(new Tag("macro", "SIGNAL", Verdict.SUSPICIOUS)))
                .setSignalGroups(List.of(new SignalGroup("H000", "Macro runs at open", 0.75, null, Verdict.SUSPICIOUS,
                        List.of(new MitreTechnique("T1204.002", "Malicious File", "TA0002", "Execution")))))
                .setIocs(List.of(new Ioc("domain", "malware-drop.example.net", null)))
                .setStatus(OutcomeStatus.DONE)
                .setReason(null)
                .setAttempts(1)
                .setArrivalTime(null)
                .setSubmittedAt(Instant.parse("2025-03-01T10:00:01.500Z"))
                .setDecidedAt(Instant.parse("2025-03-01T10:00:09Z"))
                .setPublishedAt(Instant.parse("2025-03-01T10:00:09.250Z"))
                .setEnrichmentError(null)
                .setAttributes(Map.of("replay.run", "run-1", "b", "2"))
                .build();
    }

    private final StringWriter text = new StringWriter();

    private List<JsonNode> print(VerdictFilter filter, EnrichedVerdict... verdicts) throws Exception {
        VerdictPrinter printer = new VerdictPrinter(new PrintWriter(text), filter, true);
        for (EnrichedVerdict verdict : verdicts) {
            printer.accept(verdict);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.toString().split("\n")) {
            if (!line.isEmpty()) {
                lines.add(strict.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void shouldPrintOneLineOfStrictJsonPerVerdictWithEveryFieldOfTheSchema() throws Exception {
        EnrichedVerdict second = EnrichedVerdict.newBuilder(archiveVerdict()).setEventId("replay:run-1:43").build();

        List<JsonNode> lines = print(VerdictFilter.all(), archiveVerdict(), second);

        assertThat(text.toString()).hasLineCount(2);
        assertThat(lines).extracting(line -> line.get("eventId").asText()).containsExactly("replay:run-1:42", "replay:run-1:43");
        List<String> schemaFields = EnrichedVerdict.getClassSchema().getFields().stream().map(Schema.Field::name).toList();
        assertThat(StreamSupport.stream(((Iterable<String>) lines.get(0)::fieldNames).spliterator(), false).toList())
                .containsExactlyElementsOf(schemaFields);
    }

    @Test
    void shouldPrintEnumsAsSymbolsTimesAsIsoTextAndAbsentValuesAsNull() throws Exception {
        JsonNode json = print(VerdictFilter.all(), archiveVerdict()).get(0);

        assertThat(json.get("uri").asText()).isEqualTo("s3://mail/export \"2024\".zip");
        assertThat(json.get("lane").asText()).isEqualTo("REPLAY");
        assertThat(json.get("verdict").asText()).isEqualTo("SUSPICIOUS");
        assertThat(json.get("decidedBy").asText()).isEqualTo("SANDBOX");
        assertThat(json.get("threatLevel").isNumber()).isTrue();
        assertThat(json.get("threatLevel").asDouble()).isEqualTo(0.5);
        assertThat(json.get("confidence").isNull()).isTrue();
        assertThat(json.get("arrivalTime").isNull()).isTrue();
        assertThat(json.get("attempts").asInt()).isEqualTo(1);
        assertThat(json.get("submittedAt").asText()).isEqualTo("2025-03-01T10:00:01.500Z");
        assertThat(json.get("decidedAt").asText()).isEqualTo("2025-03-01T10:00:09Z");
        assertThat(json.get("attributes").toString()).isEqualTo("{\"b\":\"2\",\"replay.run\":\"run-1\"}");
    }

    @Test
    void shouldPrintNestedRecordsAsObjects() throws Exception {
        JsonNode json = print(VerdictFilter.all(), archiveVerdict()).get(0);

        assertThat(json.get("members")).hasSize(2);
        assertThat(json.get("members").get(0).get("sha256").isNull()).isTrue();
        assertThat(json.get("members").get(1).get("verdict").asText()).isEqualTo("SUSPICIOUS");
        assertThat(json.get("tags").get(0).get("name").asText()).isEqualTo("macro");
        JsonNode technique = json.get("signalGroups").get(0).get("mitreTechniques").get(0);
        assertThat(technique.get("id").asText()).isEqualTo("T1204.002");
        assertThat(technique.get("tacticName").asText()).isEqualTo("Execution");
        assertThat(json.get("iocs").get(0).get("value").asText()).isEqualTo("malware-drop.example.net");
    }

    @Test
    void shouldPrintOnlyWhatTheFilterLetsThrough() throws Exception {
        EnrichedVerdict clean = EnrichedVerdict.newBuilder(archiveVerdict()).setEventId("clean").setVerdict(Verdict.NO_THREAT).build();
        VerdictFilter noThreat = new VerdictFilter(Set.of(Verdict.NO_THREAT), Optional.empty(), Set.of());

        List<JsonNode> lines = print(noThreat, archiveVerdict(), clean, archiveVerdict());

        assertThat(lines).extracting(line -> line.get("eventId").asText()).containsExactly("clean");
    }
}
