package io.sandboxpipeline.serde;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;

/** Builds the Avro serdes the pipeline's topics use, ours by default or another implementation named in config. */
public final class AvroSerdes {

    /**
     * Names a {@link Serde} class with a public no-arg constructor to use instead of {@link SpecificAvroSerde},
     * e.g. Confluent's {@code io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde}. It is configured with the
     * same map (for Confluent's serde, also set {@code specific.avro.reader=true}).
     */
    public static final String SERDE_CLASS_CONFIG = "sandbox.avro.serde.class";

    private AvroSerdes() {
    }

    /**
     * A configured serde for {@code type}.
     *
     * @param config  serde configuration ({@code schema.registry.url}, ...; see {@link SpecificAvroSerde})
     * @param isKey   true for record keys (subject {@code <topic>-key}), false for values
     * @throws ConfigException if the configuration is incomplete or {@value #SERDE_CLASS_CONFIG} cannot be used
     */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, Map<String, ?> config, boolean isKey) {
        Object replacement = config.get(SERDE_CLASS_CONFIG);
        Serde<T> serde = replacement == null || replacement.toString().isBlank()
                ? new SpecificAvroSerde<>(type)
                : instantiate(replacement.toString().trim());
        serde.configure(config, isKey);
        return serde;
    }

    @SuppressWarnings("unchecked")
    private static <T> Serde<T> instantiate(String className) {
        Class<?> found;
        try {
            found = Class.forName(className, true, classLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(SERDE_CLASS_CONFIG + " names " + className
                    + ", which is not on the classpath: add its jar, or remove the setting to use the built-in serde");
        }
        if (!Serde.class.isAssignableFrom(found)) {
            throw new ConfigException(SERDE_CLASS_CONFIG + " names " + className + ", which is not an "
                    + Serde.class.getName());
        }
        try {
            return (Serde<T>) found.getConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new ConfigException(SERDE_CLASS_CONFIG + " names " + className
                    + ", which has no public no-arg constructor to instantiate it with");
        } catch (InvocationTargetException e) {
            throw new ConfigException(SERDE_CLASS_CONFIG + " names " + className + ", whose constructor failed: "
                    + e.getCause());
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : AvroSerdes.class.getClassLoader();
    }
}
