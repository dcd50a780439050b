package io.sandboxpipeline.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.record.internal.FileRecords;

/** Reads what the broker stored, straight from its log segments. */
final class LogSegments {

    private LogSegments() {
    }

    /** The compression codecs of the record batches stored for {@code topic} under {@code logDir}. */
    static Set<String> codecsOf(Path logDir, String topic) {
        Set<String> codecs = new TreeSet<>();
        try (Stream<Path> partitions = Files.list(logDir)) {
            for (Path partition : partitions.filter(p -> p.getFileName().toString().matches(Pattern.quote(topic) + "-\\d+"))
                    .toList()) {
                try (Stream<Path> segments = Files.list(partition)) {
                    for (Path segment : segments.filter(p -> p.toString().endsWith(".log")).toList()) {
                        try (FileRecords records = FileRecords.open(segment.toFile(), false, true, 0, false)) {
                            records.batches().forEach(batch -> codecs.add(batch.compressionType().name));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log segments of " + topic, e);
        }
        return codecs;
    }
}
