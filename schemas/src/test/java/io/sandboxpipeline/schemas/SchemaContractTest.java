package io.sandboxpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The house rules for our Avro contracts, checked on every schema file so a new field cannot skip them. */
class SchemaContractTest {

    static Stream<Schema> everySchema() throws IOException {
        List<Schema> schemas = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/avro"))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString().replace(".avsc", "");
                schemas.add(SpecificData.get().getSchema(classNamed(name)));
            }
        }
        return schemas.stream();
    }

    private static Class<?> classNamed(String simpleName) {
        try {
            return Class.forName("io.sandboxpipeline.schemas." + simpleName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("src/main/avro/" + simpleName + ".avsc generated no class " + simpleName
                    + " in io.sandboxpipeline.schemas: file name and schema name must match", e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySchema")
    void shouldDocumentTheTypeAndEveryField(Schema schema) {
        assertThat(schema.getNamespace()).isEqualTo("io.sandboxpipeline.schemas");
        assertThat(schema.getDoc()).as("doc of %s", schema.getName()).isNotBlank();
        if (schema.getType() == Schema.Type.RECORD) {
            for (Schema.Field field : schema.getFields()) {
                assertThat(field.doc()).as("doc of %s.%s", schema.getName(), field.name()).isNotBlank();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySchema")
    void shouldGiveEnumsADefaultSymbolForReadersThatMeetNewOnes(Schema schema) {
        if (schema.getType() == Schema.Type.ENUM) {
            assertThat(schema.getEnumDefault()).as("default of enum %s", schema.getName()).isIn(schema.getEnumSymbols());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySchema")
    void shouldMakeOptionalFieldsNullFirstUnionsDefaultingToNull(Schema schema) {
        for (Schema.Field field : fields(schema)) {
            if (field.schema().getType() == Schema.Type.UNION) {
                List<Schema> branches = field.schema().getTypes();
                assertThat(branches).as("%s.%s", schema.getName(), field.name()).hasSize(2);
                assertThat(branches.get(0).getType()).as("first branch of %s.%s", schema.getName(), field.name())
                        .isEqualTo(Schema.Type.NULL);
                assertThat(field.defaultVal()).as("default of %s.%s", schema.getName(), field.name())
                        .isEqualTo(JsonProperties.NULL_VALUE);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySchema")
    void shouldDefaultArraysToEmptyAndMapsToEmpty(Schema schema) {
        for (Schema.Field field : fields(schema)) {
            Schema.Type type = field.schema().getType();
            if (type == Schema.Type.ARRAY) {
                assertThat(field.defaultVal()).as("default of %s.%s", schema.getName(), field.name()).isEqualTo(List.of());
            }
            if (type == Schema.Type.MAP) {
                assertThat(field.defaultVal()).as("default of %s.%s", schema.getName(), field.name())
                        .isEqualTo(Map.of());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySchema")
    void shouldStoreInstantsAsTimestampMillis(Schema schema) {
        for (Schema.Field field : fields(schema)) {
            if (field.name().endsWith("At") || field.name().endsWith("Time")) {
                Schema value = field.schema().getType() == Schema.Type.UNION ? field.schema().getTypes().get(1) : field.schema();
                assertThat(value.getLogicalType()).as("logical type of %s.%s", schema.getName(), field.name())
                        .isEqualTo(LogicalTypes.timestampMillis());
            }
        }
    }

    private static List<Schema.Field> fields(Schema schema) {
        return schema.getType() == Schema.Type.RECORD ? schema.getFields() : List.of();
    }
}
