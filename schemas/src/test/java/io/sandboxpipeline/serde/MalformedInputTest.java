package io.sandboxpipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.MitreTechnique;
import io.sandboxpipeline.schemas.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MalformedInputTest {

    private final MockScope mock = new MockScope();
    private final SpecificAvroSerde<FileArrival> serde = mock.valueSerde(FileArrival.class);
    private final Deserializer<FileArrival> deserializer = serde.deserializer();

    @AfterEach
    void dropScope() {
        mock.close();
    }

    @Test
    void shouldRejectAnEmptyRecord() {
        assertThatThrownBy(() -> deserializer.deserialize("arrivals", new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Record of 0 bytes on topic arrivals is too short for Confluent wire format: "
                        + "it needs a magic byte and a 4-byte schema id");
    }

    @Test
    void shouldRejectARecordShorterThanTheHeader() {
        assertThatThrownBy(() -> deserializer.deserialize("arrivals", new byte[] {0, 0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Record of 4 bytes on topic arrivals is too short for Confluent wire format");
    }

    @Test
    void shouldRejectJsonWithTheMagicByteItStartsWith() {
        byte[] json = "{\"eventId\":\"e1\",\"uri\":\"file:///tmp/a\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize("arrivals", json))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Unknown magic byte 0x7b: not Confluent wire format (topic arrivals)");
    }

    @Test
    void shouldRejectAnUnknownSchemaId() {
        byte[] unknownId = {0, 0, 0, 0, 42, 2, 'x'};

        assertThatThrownBy(() -> deserializer.deserialize("arrivals", unknownId))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Unknown schema id 42");
    }

    @Test
    void shouldRejectTruncatedAvroDataAtEveryCut() {
        byte[] whole = serde.serializer().serialize("arrivals", SampleRecords.fileArrival());

        for (int length = WireFormat.HEADER_LENGTH; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> deserializer.deserialize("arrivals", cut))
                    .as("record cut to %d of %d bytes", length, whole.length)
                    .isInstanceOf(SerializationException.class)
                    .hasMessage("Truncated Avro data on topic arrivals: the " + (length - WireFormat.HEADER_LENGTH)
                            + " bytes after the header end before a complete record of schema id 1");
        }
    }

    @Test
    void shouldRejectCorruptAvroDataWithoutLeakingIndexErrors() {
        // given a MitreTechnique whose first optional field claims union branch 3 of a 2-branch union
        SpecificAvroSerde<MitreTechnique> mitre = mock.valueSerde(MitreTechnique.class);
        byte[] valid = mitre.serializer().serialize("mitre", new MitreTechnique("T1", null, null, null));
        byte[] corrupt = valid.clone();
        corrupt[8] = 0x06;

        assertThatThrownBy(() -> mitre.deserializer().deserialize("mitre", corrupt))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Could not decode Avro data on topic mitre for schema id 1: ")
                .hasMessageNotContaining("ArrayIndexOutOfBounds");
    }

    @Test
    void shouldRejectARecordOfAnotherTypeWithTheReason() {
        SpecificAvroSerde<Tag> tags = mock.valueSerde(Tag.class);
        byte[] tagBytes = tags.serializer().serialize("arrivals", SampleRecords.tag());

        assertThatThrownBy(() -> deserializer.deserialize("arrivals", tagBytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Schema id 1 (io.sandboxpipeline.schemas.Tag) cannot be read as "
                        + "io.sandboxpipeline.schemas.FileArrival: ");
        assertThat(mock.registry().subjects()).containsExactly("arrivals-value");
    }
}
