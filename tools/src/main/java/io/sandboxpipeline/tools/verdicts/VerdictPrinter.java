package io.sandboxpipeline.tools.verdicts;

import io.sandboxpipeline.enricher.json.VerdictJson;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Prints the verdicts a filter lets through as JSON lines, in the same JSON as the enricher's mirror topic
 * ({@link VerdictJson}: every {@code EnrichedVerdict} field under its Avro name, enums as symbols, times as ISO-8601
 * UTC, absent values as {@code null}), so a script reads the CLI's output and the topic alike.
 */
final class VerdictPrinter implements Consumer<EnrichedVerdict> {

    private final PrintWriter out;
    private final VerdictFilter filter;
    private final boolean flushEach;
    private final VerdictJson json = new VerdictJson();
    private long printed;

    /**
     * @param flushEach flush after every line (when following, so a pipe sees each verdict as it comes)
     */
    VerdictPrinter(PrintWriter out, VerdictFilter filter, boolean flushEach) {
        this.out = Objects.requireNonNull(out, "out");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.flushEach = flushEach;
    }

    @Override
    public void accept(EnrichedVerdict verdict) {
        if (!filter.test(verdict)) {
            return;
        }
        out.println(json.of(verdict));
        printed++;
        if (flushEach) {
            out.flush();
        }
    }

    long printed() {
        return printed;
    }
}
