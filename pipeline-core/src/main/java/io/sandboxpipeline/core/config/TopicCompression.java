package io.sandboxpipeline.core.config;

import java.util.Locale;
import java.util.Set;

/**
 * The compression codecs of the pipeline's topics, by class.
 *
 * <p>The topics SOC and data teams read (verdicts, dead letters, IOC feed, verdict cache, JSON mirror) must be readable
 * by every mainstream Kafka client as it comes: kafkajs 2.x decodes only gzip without a codec plugin (librdkafka and the
 * Java and Go clients decode every codec). Those topics are created with the topic-level {@code compression.type}
 * {@code output}, so the broker stores them in that codec whatever a producer sent. Everything else (changelogs and the
 * topics between the stages) only the pipeline reads: its producers use the fast {@code internal} codec.
 *
 * @param internal the stage producers' {@code compression.type} ({@code kafka.compression.internal}, default lz4)
 * @param output   the topic-level codec of the output topics ({@code kafka.compression.output}, default gzip)
 */
public record TopicCompression(String internal, String output) {

    private static final Set<String> CODECS = Set.of("none", "gzip", "snappy", "lz4", "zstd");
    /** What kafkajs 2.x (no plugin), librdkafka, the Java and the Go clients all decode. */
    private static final Set<String> EVERY_CLIENT_READS = Set.of("none", "gzip");
    public static final String INTERNAL_KEY = "kafka.compression.internal";
    public static final String OUTPUT_KEY = "kafka.compression.output";
    public static final TopicCompression DEFAULTS = new TopicCompression("lz4", "gzip");


    public TopicCompression {
        internal = codec(INTERNAL_KEY, internal);
        output = codec(OUTPUT_KEY, output);
    }

    public static TopicCompression from(ConfigValues values) {
        return new TopicCompression(values.get(INTERNAL_KEY, DEFAULTS.internal()), values.get(OUTPUT_KEY, DEFAULTS.output()));
    }

    /** Whether a consumer without codec plugins (kafkajs) can read the output topics. */
    public boolean outputReadableByEveryClient() {
        return EVERY_CLIENT_READS.contains(output);
    }

    private static String codec(String key, String value) {
        String codec = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!CODECS.contains(codec)) {
            throw new ConfigException(key + " must be one of none, gzip, snappy, lz4, zstd, got '" + value + "'");
        }
        return codec;
    }
}
