package io.sandboxpipeline.bench;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** What {@code bench} measures. */
enum BenchMode {
    /** The pipeline against the pool and sequential baselines on one workload. */
    PIPELINE,
    /** Throughput of events whose content already has a verdict. */
    CACHE,
    /** Our SHA-256 against openssl's on a large generated file. */
    HASH,
    /** A file larger than the heap through the whole pipeline in a small child JVM. */
    LARGE,
    /** Events at a steady rate: the pipeline against the de-duplicating pool script, under one quota. */
    STEADY,
    /** A large replay backlog behind an upload quota while live events arrive; not part of {@link #ALL}. */
    BACKLOG,
    /** Pipeline, cache, hash, large and steady (backlog takes minutes of its own and runs only when asked for). */
    ALL;

    boolean includes(BenchMode part) {
        return this == part || (this == ALL && part != BACKLOG);
    }

    /** Reads a mode in any case: {@code pipeline}, {@code CACHE}, ... */
    static final class Converter implements ITypeConverter<BenchMode> {

        @Override
        public BenchMode convert(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a mode; use one of "
                        + Arrays.toString(values()).toLowerCase(Locale.ROOT));
            }
        }
    }
}
