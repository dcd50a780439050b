package io.sandboxpipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.HashWork;
import io.sandboxpipeline.schemas.MitreTechnique;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpecificAvroSerdeTest {

    private final MockScope mock = new MockScope();

    @AfterEach
    void dropScope() {
        mock.close();
    }

    static Stream<SpecificRecord> everyRecordType() {
        return SampleRecords.everyRecordType().stream();
    }

    @ParameterizedTest
    @MethodSource("everyRecordType")
    void shouldRoundTripEveryRecordTypeInConfluentWireFormat(SpecificRecord record) {
        // given
        SpecificAvroSerde<SpecificRecord> serde = serdeFor(record);

        // when
        byte[] bytes = serde.serializer().serialize("topic-a", record);
        SpecificRecord read = serde.deserializer().deserialize("topic-a", bytes);

        // then: the same content. Avro's equals cannot compare an array of records that hold timestamps
        // (HashWork.waiting), so that one is compared element by element
        assertThat(read).hasSameClassAs(record);
        if (record instanceof HashWork work) {
            HashWork readWork = (HashWork) read;
            assertThat(readWork.getSha256()).isEqualTo(work.getSha256());
            assertThat(readWork.getPhase()).isEqualTo(work.getPhase());
            assertThat(readWork.getFlowId()).isEqualTo(work.getFlowId());
            assertThat(readWork.getCreatedAt()).isEqualTo(work.getCreatedAt());
            assertThat(readWork.getRepresentative()).isEqualTo(work.getRepresentative());
            assertThat(readWork.getWaiting()).hasSameSizeAs(work.getWaiting());
            for (int i = 0; i < work.getWaiting().size(); i++) {
                assertThat(readWork.getWaiting().get(i)).isEqualTo(work.getWaiting().get(i));
            }
        } else {
            assertThat(read).isEqualTo(record);
        }
        int registeredId = mock.registry().idOf("topic-a-value", record.getSchema());
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
    }

    @Test
    void shouldCoverEveryRecordSchemaOfTheModule() throws IOException {
        assertThat(everyRecordType().map(record -> record.getSchema().getName()))
                .containsExactlyInAnyOrderElementsOf(AvscFiles.namesOfType("record"));
    }

    @Test
    void shouldWriteExactlyMagicByteBigEndianIdAndAvroBinary() {
        // given a fresh scope, the first schema gets id 1
        SpecificAvroSerde<MitreTechnique> serde = mock.valueSerde(MitreTechnique.class);

        // when
        byte[] bytes = serde.serializer().serialize("mitre", new MitreTechnique("T1", null, null, null));

        // then: 0x00, id 1 as 4 bytes, string "T1" (zig-zag length 2 = 0x04), then branch 0 (null) of three unions
        assertThat(bytes).containsExactly(0x00, 0x00, 0x00, 0x00, 0x01, 0x04, 'T', '1', 0x00, 0x00, 0x00);
    }

    @Test
    void shouldTurnNullIntoNullBytesAndBackForTombstones() {
        SpecificAvroSerde<FileArrival> serde = mock.valueSerde(FileArrival.class);

        assertThat(serde.serializer().serialize("arrivals", null)).isNull();
        assertThat(serde.deserializer().deserialize("arrivals", null)).isNull();
    }

    @Test
    void shouldRegisterUnderTopicKeyAndTopicValueSubjects() {
        SpecificAvroSerde<FileArrival> keySerde = new SpecificAvroSerde<>(FileArrival.class);
        keySerde.configure(mock.config(), true);
        SpecificAvroSerde<FileArrival> valueSerde = mock.valueSerde(FileArrival.class);

        keySerde.serializer().serialize("arrivals", SampleRecords.fileArrival());
        valueSerde.serializer().serialize("arrivals", SampleRecords.fileArrival());

        assertThat(mock.registry().subjects()).containsExactly("arrivals-key", "arrivals-value");
        assertThat(mock.registry().latest("arrivals-key").orElseThrow().id())
                .isEqualTo(mock.registry().latest("arrivals-value").orElseThrow().id());
    }

    @Test
    void shouldShareSchemaIdsBetweenSerdesOfTheSameMockScope() {
        // given two serdes configured separately, as two Kafka Streams apps in one JVM would be
        SpecificAvroSerde<EnrichedVerdict> writerSide = mock.valueSerde(EnrichedVerdict.class);
        SpecificAvroSerde<EnrichedVerdict> readerSide = mock.valueSerde(EnrichedVerdict.class);

        // when
        byte[] bytes = writerSide.serializer().serialize("verdicts", SampleRecords.enrichedVerdict());

        // then
        assertThat(readerSide.deserializer().deserialize("verdicts", bytes)).isEqualTo(SampleRecords.enrichedVerdict());
        assertThat(SchemaRegistries.forUrl(mock.url)).isSameAs(mock.registry());
    }

    @Test
    void shouldNotFindSchemasOfAnotherMockScope() {
        byte[] bytes = mock.valueSerde(FileArrival.class).serializer().serialize("arrivals", SampleRecords.fileArrival());

        try (MockScope other = new MockScope()) {
            SpecificAvroSerde<FileArrival> stranger = other.valueSerde(FileArrival.class);
            assertThatThrownBy(() -> stranger.deserializer().deserialize("arrivals", bytes))
                    .isInstanceOf(SerializationException.class)
                    .hasMessage("Unknown schema id 1");
        }
    }

    @Test
    void shouldReadIntoTheClassNamedByTheWriterSchemaWhenBuiltWithoutAType() {
        SpecificAvroSerde<SpecificRecord> untyped = new SpecificAvroSerde<>();
        untyped.configure(mock.config(), false);

        byte[] bytes = untyped.serializer().serialize("flows", SampleRecords.scanFlow());

        assertThat(untyped.deserializer().deserialize("flows", bytes)).isEqualTo(SampleRecords.scanFlow());
    }

    @Test
    void shouldRefuseUnregisteredSchemaWhenAutoRegisterIsOff() {
        // given
        Map<String, Object> config = new HashMap<>(mock.config());
        config.put(SpecificAvroSerde.AUTO_REGISTER_SCHEMAS_CONFIG, "false");
        SpecificAvroSerde<FileArrival> serde = new SpecificAvroSerde<>(FileArrival.class);
        serde.configure(config, false);

        // then: nothing registered yet
        assertThatThrownBy(() -> serde.serializer().serialize("arrivals", SampleRecords.fileArrival()))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Subject 'arrivals-value' not found (auto.register.schemas is false: register "
                        + "io.sandboxpipeline.schemas.FileArrival under subject 'arrivals-value' first)");

        // when registered by someone else, the serde uses that id
        int id = mock.registry().register("arrivals-value", FileArrival.getClassSchema());
        byte[] bytes = serde.serializer().serialize("arrivals", SampleRecords.fileArrival());
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(mock.registry().versions("arrivals-value")).containsExactly(1);
    }

    @Test
    void shouldRequireTheRegistryUrl() {
        SpecificAvroSerde<FileArrival> serde = new SpecificAvroSerde<>(FileArrival.class);

        assertThatThrownBy(() -> serde.configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Missing required configuration \"schema.registry.url\"");
    }

    @Test
    void shouldRejectAnUnsupportedRegistryUrlWithoutShowingCredentials() {
        SpecificAvroSerde<FileArrival> serde = new SpecificAvroSerde<>(FileArrival.class);

        assertThatThrownBy(() -> serde.configure(Map.of("schema.registry.url", "ftp://bob:hunter2@registry:21"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("schema.registry.url 'ftp://registry:21' must look like http(s)://host:port");
    }

    @Test
    void shouldExplainUseBeforeConfigure() {
        SpecificAvroSerde<FileArrival> serde = new SpecificAvroSerde<>(FileArrival.class);

        assertThatThrownBy(() -> serde.serializer().serialize("arrivals", SampleRecords.fileArrival()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("configure(configs, isKey)");
    }

    @Test
    void shouldSerializeAndDeserializeFromManyThreadsAtOnce() throws Exception {
        // given one serde shared by threads, as a Kafka Streams instance shares it between stream threads
        SpecificAvroSerde<EnrichedVerdict> serde = mock.valueSerde(EnrichedVerdict.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String topic = "verdicts-" + (t % 2);
            tasks.add(() -> {
                int roundTrips = 0;
                for (int i = 0; i < 250; i++) {
                    EnrichedVerdict verdict = EnrichedVerdict.newBuilder(SampleRecords.enrichedVerdict())
                            .setEventId("evt-" + i).build();
                    byte[] bytes = serde.serializer().serialize(topic, verdict);
                    if (serde.deserializer().deserialize(topic, bytes).equals(verdict)) {
                        roundTrips++;
                    }
                }
                return roundTrips;
            });
        }

        // when
        List<Future<Integer>> results = pool.invokeAll(tasks, 30, TimeUnit.SECONDS);
        pool.shutdown();

        // then
        for (Future<Integer> result : results) {
            assertThat(result.get()).isEqualTo(250);
        }
        assertThat(mock.registry().subjects()).containsExactlyInAnyOrder("verdicts-0-value", "verdicts-1-value");
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> SpecificAvroSerde<T> serdeFor(T record) {
        return mock.valueSerde((Class<T>) record.getClass());
    }
}
