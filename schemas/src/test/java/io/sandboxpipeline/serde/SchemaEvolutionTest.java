package io.sandboxpipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

    /** FileArrival as a first release might have had it: no lane, no attributes. */
    private static final String FILE_ARRIVAL_V0 = """
            {"type": "record", "name": "FileArrival", "namespace": "io.sandboxpipeline.schemas", "fields": [
              {"name": "eventId", "type": "string"},
              {"name": "uri", "type": "string"},
              {"name": "sha256", "type": ["null", "string"], "default": null}
            ]}""";

    /** FileArrival as a later release might have it: a new lane symbol and a new field. */
    private static final String FILE_ARRIVAL_NEXT = """
            {"type": "record", "name": "FileArrival", "namespace": "io.sandboxpipeline.schemas", "fields": [
              {"name": "eventId", "type": "string"},
              {"name": "uri", "type": "string"},
              {"name": "lane", "type": {"type": "enum", "name": "Lane", "symbols": ["LIVE", "REPLAY", "BACKFILL"],
                                        "default": "LIVE"}, "default": "LIVE"},
              {"name": "priority", "type": "int", "default": 0}
            ]}""";

    /** Not readable as today's FileArrival: uri is required and has no default. */
    private static final String FILE_ARRIVAL_WITHOUT_URI = """
            {"type": "record", "name": "FileArrival", "namespace": "io.sandboxpipeline.schemas", "fields": [
              {"name": "eventId", "type": "string"}
            ]}""";

    private final MockScope mock = new MockScope();
    private final SpecificAvroSerde<FileArrival> serde = mock.valueSerde(FileArrival.class);

    @AfterEach
    void dropScope() {
        mock.close();
    }

    @Test
    void shouldReadOldRecordsWithTheDefaultsOfFieldsAddedSince() throws IOException {
        // given a record written by an old producer with the v0 schema
        Schema v0 = new Schema.Parser().parse(FILE_ARRIVAL_V0);
        GenericRecord old = new GenericData.Record(v0);
        old.put("eventId", "evt-old");
        old.put("uri", "file:///srv/inbox/report.pdf");
        old.put("sha256", SampleRecords.SHA256);
        byte[] bytes = confluentBytes(mock.registry().register("arrivals-value", v0), old);

        // when
        FileArrival read = serde.deserializer().deserialize("arrivals", bytes);

        // then
        assertThat(read.getEventId()).isEqualTo("evt-old");
        assertThat(read.getUri()).isEqualTo("file:///srv/inbox/report.pdf");
        assertThat(read.getSha256()).isEqualTo(SampleRecords.SHA256);
        assertThat(read.getAttributes()).isEmpty();
        assertThat(read.getLane()).isEqualTo(Lane.LIVE);
        assertThat(read.getSize()).isNull();
        assertThat(read.getArrivalTime()).isNull();
    }

    @Test
    void shouldReadNewerRecordsSkippingNewFieldsAndMappingNewLanesToTheDefault() throws IOException {
        // given a record written by a newer producer that knows a BACKFILL lane and a priority field
        Schema next = new Schema.Parser().parse(FILE_ARRIVAL_NEXT);
        GenericRecord newer = new GenericData.Record(next);
        newer.put("eventId", "evt-new");
        newer.put("uri", "s3://bucket/key");
        newer.put("lane", new GenericData.EnumSymbol(next.getField("lane").schema(), "BACKFILL"));
        newer.put("priority", 7);
        byte[] bytes = confluentBytes(mock.registry().register("arrivals-value", next), newer);

        // when
        FileArrival read = serde.deserializer().deserialize("arrivals", bytes);

        // then
        assertThat(read.getEventId()).isEqualTo("evt-new");
        assertThat(read.getUri()).isEqualTo("s3://bucket/key");
        assertThat(read.getLane()).isEqualTo(Lane.LIVE);
    }

    @Test
    void shouldNameTheMissingFieldWhenAWriterSchemaCannotBeRead() throws IOException {
        Schema incompatible = new Schema.Parser().parse(FILE_ARRIVAL_WITHOUT_URI);
        GenericRecord record = new GenericData.Record(incompatible);
        record.put("eventId", "evt-x");
        // a producer that got around the registry's compatibility check (e.g. a subject set to NONE)
        mock.registry().settings().setCompatibility("arrivals-value", Compatibility.NONE);
        int id = mock.registry().register("arrivals-value", incompatible);
        byte[] bytes = confluentBytes(id, record);

        assertThatThrownBy(() -> serde.deserializer().deserialize("arrivals", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Schema id " + id + " (io.sandboxpipeline.schemas.FileArrival) cannot be read as "
                        + "io.sandboxpipeline.schemas.FileArrival: ")
                .hasMessageContaining("uri");
    }

    @Test
    void shouldGiveOldAndCurrentSchemasDifferentIdsAndVersionsOfOneSubject() {
        int oldId = mock.registry().register("arrivals-value", new Schema.Parser().parse(FILE_ARRIVAL_V0));

        byte[] current = serde.serializer().serialize("arrivals", SampleRecords.fileArrival());

        assertThat(current[4]).isEqualTo((byte) (oldId + 1));
        assertThat(mock.registry().versions("arrivals-value")).containsExactly(1, 2);
        assertThat(serde.deserializer().deserialize("arrivals", current)).isEqualTo(SampleRecords.fileArrival());
    }

    @Test
    void shouldLetScanResultFollowScanOutcomeOnTheScanResultsSubjectUnderBackwardCompatibility() {
        MockSchemaRegistry registry = new MockSchemaRegistry();
        int before = registry.register("sandbox.scan-results-value", io.sandboxpipeline.schemas.ScanOutcome.getClassSchema());

        int after = registry.register("sandbox.scan-results-value", io.sandboxpipeline.schemas.ScanResult.getClassSchema());

        assertThat(after).isNotEqualTo(before);
        assertThat(registry.versions("sandbox.scan-results-value")).containsExactly(1, 2);
    }

    private static byte[] confluentBytes(int schemaId, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireFormat.writeHeader(out, schemaId);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
