package io.sandboxpipeline.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * A subject's compatibility level, with Confluent Schema Registry's names and meaning: which earlier versions a new
 * schema is checked against (the newest one, or all of them for the {@code _TRANSITIVE} levels) and in which direction
 * (BACKWARD: the new schema reads data written with the old; FORWARD: the old reads data written with the new; FULL:
 * both). The default is {@link #BACKWARD}, as Confluent's.
 */
public enum Compatibility {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    Compatibility(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /**
     * The level named {@code name} (any case).
     *
     * @throws RegistryException 422 / 42203 naming the allowed levels otherwise
     */
    public static Compatibility parse(String name) {
        if (name != null) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // answered below with the levels that exist
            }
        }
        throw new RegistryException(422, RegistryProtocol.INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level. "
                + "Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and "
                + "full_transitive");
    }

    /**
     * Why {@code candidate} may not follow {@code earlier} (oldest first) under this level; empty when it may.
     */
    public List<String> problems(Schema candidate, List<Schema> earlier) {
        if (this == NONE || earlier.isEmpty()) {
            return List.of();
        }
        List<Schema> checked = transitive ? earlier : List.of(earlier.get(earlier.size() - 1));
        List<String> problems = new ArrayList<>();
        for (Schema old : checked) {
            if (newReadsOld) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old), "new", "old", problems);
            }
            if (oldReadsNew) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate), "old", "new", problems);
            }
        }
        return problems;
    }

    private static void describe(SchemaCompatibility.SchemaPairCompatibility result, String reader, String writer,
                                 List<String> problems) {
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add("{errorType:'" + incompatibility.getType() + "', description:'The " + reader
                    + " schema cannot read data written with the " + writer + " schema: " + incompatibility.getMessage()
                    + "', additionalInfo:'at " + incompatibility.getLocation() + "'}");
        }
    }
}
