package io.sandboxpipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
import io.sandboxpipeline.schemas.ScanFlow;
import io.sandboxpipeline.schemas.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroClassTrustTest {

    private final ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();

    @BeforeEach
    void startFromAvrosOutOfTheBoxAllowList() {
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT);
    }

    @AfterEach
    void restoreTheAllowList() {
        ClassSecurityValidator.setGlobal(before);
    }

    @Test
    void shouldLetBuildersFillEnumDefaultsAndCopyRecordsOnceDeclared() {
        // given Avro 1.12.2 as shipped: our own generated enums are not trusted (so, in a fresh JVM, build()
        // below would fail to fill in the lane default with a SecurityException)
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(Lane.class)).isFalse();

        // when
        AvroClassTrust.declarePipelineSchemas();

        // then
        FileArrival arrival = FileArrival.newBuilder().setEventId("e1").setUri("file:///a").build();
        assertThat(arrival.getLane()).isEqualTo(Lane.LIVE);
        assertThat(arrival.getAttributes()).isEmpty();
        ScanFlow polledAgain = ScanFlow.newBuilder(SampleRecords.scanFlow()).setPollCount(4).build();
        assertThat(polledAgain.getRequest()).isEqualTo(SampleRecords.scanRequest());
    }

    @Test
    void shouldTrustEveryGeneratedClassOfTheModule() throws IOException, ClassNotFoundException {
        AvroClassTrust.declarePipelineSchemas();

        List<String> names = new ArrayList<>(AvscFiles.namesOfType("record"));
        names.addAll(AvscFiles.namesOfType("enum"));
        for (String name : names) {
            Class<?> generated = Class.forName("io.sandboxpipeline.schemas." + name);
            assertThat(ClassSecurityValidator.getGlobal().isTrusted(generated)).as(name).isTrue();
        }
    }

    @Test
    void shouldKeepTrustingWhatTheInstalledAllowListTrusted() {
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.builder().add(UUID.class).build());

        AvroClassTrust.declare(Tag.class);

        assertThat(ClassSecurityValidator.getGlobal().isTrusted(UUID.class)).isTrue();
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(Tag.class)).isTrue();
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(StringBuilder.class)).isFalse();
    }

    @Test
    void shouldReadThroughASerdeWithoutAnyJvmWideSetting() {
        try (MockScope mock = new MockScope()) {
            SpecificAvroSerde<Tag> serde = mock.valueSerde(Tag.class);

            byte[] bytes = serde.serializer().serialize("tags", SampleRecords.tag());

            assertThat(serde.deserializer().deserialize("tags", bytes)).isEqualTo(SampleRecords.tag());
        }
    }
}
