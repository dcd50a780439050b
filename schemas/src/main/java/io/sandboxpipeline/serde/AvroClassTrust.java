package io.sandboxpipeline.serde;

import io.sandboxpipeline.schemas.CachedVerdict;
import io.sandboxpipeline.schemas.DeadLetter;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.HashWork;
import io.sandboxpipeline.schemas.IocFeedEntry;
import io.sandboxpipeline.schemas.ScanFlow;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.schemas.ScanResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Declares generated Avro classes to Avro's class allow-list.
 *
 * <p>Since Avro 1.12.2, Avro loads a class by name (which specific readers, enum defaults in
 * {@code Builder.build()} and {@code newBuilder(existing)} copies all do) only if the JVM-wide
 * {@link ClassSecurityValidator} trusts it, and by default it trusts none of ours: even
 * {@code FileArrival.newBuilder().setEventId(..).setUri(..).build()} fails with a SecurityException. Declaring a
 * class trusts exactly the generated classes its own compiled schema names (records, enums, fixed), composed with
 * whatever predicate is already installed. This is the alternative to starting every JVM with
 * {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.sandboxpipeline.schemas}.
 *
 * <p>{@link SpecificAvroSerde} declares the class it reads into, so a process that builds its serdes first needs
 * nothing else. Code (and tests) that build or copy records without a serde call
 * {@link #declarePipelineSchemas()} once. The declared set is, with Avro's own validator, JVM-global state.
 */
public final class AvroClassTrust {

    private static final Set<String> DECLARED = ConcurrentHashMap.newKeySet();
    private static final ClassSecurityPredicate DECLARED_CLASSES = type -> DECLARED.contains(type.getName());

    private AvroClassTrust() {
    }

    /** Declares every record type of the pipeline's topics (and all records and enums they contain). */
    public static void declarePipelineSchemas() {
        declare(FileArrival.class, ScanRequest.class, ScanFlow.class, ScanOutcome.class, ScanResult.class, EnrichedVerdict.class,
                DeadLetter.class, CachedVerdict.class, HashWork.class, IocFeedEntry.class);
    }

    /** Declares the generated classes named by the schemas of {@code types}; idempotent and thread-safe. */
    @SafeVarargs
    public static void declare(Class<? extends SpecificRecord>... types) {
        List<Class<?>> generated = new ArrayList<>();
        for (Class<? extends SpecificRecord> type : types) {
            collect(SpecificData.getForClass(type).getSchema(type), type.getClassLoader(), new HashSet<>(), generated);
        }
        generated.forEach(type -> DECLARED.add(type.getName()));
        install(generated);
    }

    /** Adds our predicate to Avro's global one, unless it (or a broader one) already trusts these classes. */
    private static synchronized void install(List<Class<?>> generated) {
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (!generated.stream().allMatch(current::isTrusted)) {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current, DECLARED_CLASSES));
        }
    }

    private static void collect(Schema schema, ClassLoader loader, Set<String> seen, List<Class<?>> generated) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    generated.add(load(schema, loader));
                    schema.getFields().forEach(field -> collect(field.schema(), loader, seen, generated));
                }
            }
            case ENUM, FIXED -> {
                if (seen.add(schema.getFullName())) {
                    generated.add(load(schema, loader));
                }
            }
            case ARRAY -> collect(schema.getElementType(), loader, seen, generated);
            case MAP -> collect(schema.getValueType(), loader, seen, generated);
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, loader, seen, generated));
            default -> {
                // primitive types are JDK classes Avro already trusts
            }
        }
    }

    private static Class<?> load(Schema schema, ClassLoader loader) {
        String className = SpecificData.getClassName(schema);
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Avro type " + schema.getFullName() + " has no generated class " + className
                    + " on the classpath", e);
        }
    }
}
